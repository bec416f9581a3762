import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHttpApi } from './api/http-api.ts';
import { App } from './app.tsx';
import { CrashReport } from './components/crash-report.tsx';
import './styles.css';
import './print.css';

// Electron's preload sets window.api; in browser mode the page carries a token instead.
if (window.api === undefined) {
  const token = new URLSearchParams(window.location.search).get('token');
  if (token !== null) window.api = createHttpApi(token);
}

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <CrashReport>
      <App />
    </CrashReport>
  </StrictMode>,
);
