/**
 * Every security switch of the app, in one place (DESIGN.md section 3, VS Code's practice).
 * The app is offline by design: it loads its own files and nothing else.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The web preferences of every window: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: process.env.STEWARD_DEVTOOLS === '1',
  };
}

/** The page's content security policy ('wasm-unsafe-eval' is not needed: sql.js runs in the engine). */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** True for a URL the app may load: its own files (and devtools when enabled). */
export function isAppUrl(url: string, appRoot: string): boolean {
  if (url.startsWith('devtools://') && process.env.STEWARD_DEVTOOLS === '1') return true;
  if (!url.startsWith('file://')) return false;
  const path = decodeURIComponent(new URL(url).pathname);
  const root = appRoot.replaceAll('\\', '/');
  return path.startsWith(root.startsWith('/') ? root : `/${root}`);
}

/**
 * Blocks every network request, denies every permission, and sets the CSP on app pages.
 * `onRequest` sees every request the session attempted (the self-test counts them).
 */
export function secureSession(
  session: Session,
  appRoot: string,
  onRequest?: (url: string, isAllowed: boolean) => void,
): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const isAllowed = isAppUrl(details.url, appRoot);
    onRequest?.(details.url, isAllowed);
    callback({ cancel: !isAllowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy],
      },
    });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Denies navigation away from the app and every new window. */
export function secureContents(contents: WebContents, appRoot: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appRoot)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appRoot)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** True when an IPC message comes from one of the app's own pages. */
export function isTrustedSender(frameUrl: string | undefined, appRoot: string): boolean {
  return frameUrl !== undefined && isAppUrl(frameUrl, appRoot);
}
