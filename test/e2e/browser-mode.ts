/**
 * End-to-end helpers: the real `npm run serve` host (renderer built by Vite, engine in its
 * worker) started as a child process, and Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createTempDir, repoRoot } from '../helpers/run-steward.ts';

/** Where e2e screenshots are kept (CI artefacts; look at them). */
export const screenshotDir = join(repoRoot, 'test-results/e2e');

/** A running browser-mode host. */
export interface ServedApp {
  readonly url: string;
  /** Sends SIGTERM and resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts browser mode on a free port with its own data folder (and its own mapping-template
 * store inside it, so a test never reads or writes the machine's); resolves once it printed its
 * URL.
 */
export function serveApp(dataDir: string): Promise<ServedApp> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      // Node itself, with tsx as a loader: tsx's own CLI relays SIGTERM to a child process and
      // kills it (exit 143) when the child does not answer within 30 ms, as on a busy CI machine.
      ['--import', 'tsx', join(repoRoot, 'electron/serve/serve-main.ts'), '--data-dir', dataDir],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, STEWARD_TEMPLATES_DIR: join(dataDir, 'templates') },
      },
    );
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`browser mode did not start:\n${output}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({
          url,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
}

/** Launches Debian's Chromium headless with the flags this offline machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Waits until the records grid shows real data: at least one cell, no row still waiting for
 * its page ("…"), and no page being fetched again after a change. Take screenshots after it.
 */
export async function waitForGridData(page: Page, timeout = 90_000): Promise<void> {
  await page.locator('.grid [role=gridcell]').first().waitFor({ timeout });
  await page.waitForFunction(
    () =>
      document.querySelector('.grid .grid-row.placeholder') === null &&
      document.querySelector('.grid[aria-busy="true"]') === null,
    undefined,
    { timeout },
  );
}

/**
 * Opens the demo project (2,000 records of Mudan district already imported, with known
 * problems: the engine's `project:training`) through the page's own window.api, then 打开 in
 * the project list. 培训模式 in the UI starts every trainee's lesson at 导入 instead, so tests
 * of the later steps reach imported data this way.
 */
export async function openDemoProject(page: Page): Promise<void> {
  const name = await page.evaluate(async () => {
    if (window.api === undefined) throw new Error('window.api');
    const made = await window.api.invoke('project:training', {});
    if (!made.ok) throw new Error(made.error.message.en);
    await window.api.invoke('project:close', {});
    return made.value.name;
  });
  await page.reload();
  await page
    .locator(`.project-table tr[data-project="${name}"]`)
    .getByRole('button', { name: '打开' })
    .click();
}

/** Saves a full-window screenshot under test-results/e2e. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/**
 * Collects the page's uncaught errors: a bug the UI would show as a crash report. Each e2e file
 * asserts after every test that there were none.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** What `useServedPage` gives a test file once its `beforeAll` has run. */
export interface ServedPage {
  /** The test file's temp folder; the app's data folder is `<dir>/data`. */
  readonly dir: string;
  readonly app: ServedApp;
  readonly page: Page;
}

/**
 * The setup most e2e files share: a temp folder, browser mode serving `<dir>/data`, Chromium and
 * one page, all closed after the file; an uncaught error in the page fails the test that hit it.
 * `prepare` runs first in the temp folder (to write the files a test imports).
 */
export function useServedPage(
  options: {
    readonly viewport?: { width: number; height: number };
    readonly prepare?: (dir: string) => Promise<void>;
  } = {},
): ServedPage {
  let temp: Awaited<ReturnType<typeof createTempDir>> | undefined;
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let pageErrors: string[] = [];
  beforeAll(async () => {
    temp = await createTempDir();
    await options.prepare?.(temp.dir);
    app = await serveApp(join(temp.dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 } });
    pageErrors = collectPageErrors(page);
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await temp?.cleanup();
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useServedPage: ${name} is used before beforeAll ran`);
    return value;
  };
  return {
    get dir() {
      return ready(temp, 'dir').dir;
    },
    get app() {
      return ready(app, 'app');
    },
    get page() {
      return ready(page, 'page');
    },
  };
}
