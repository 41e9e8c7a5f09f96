import { createRoot } from 'react-dom/client';
import { App } from './App';
import { inThreadSession, workerSession } from './importSession';
import type { ReadBilling } from './importSummary';
import { ModelPanel } from './ModelPanel';
import { isOfficeThemeDark, waitForOfficeHost } from './officeHost';
import { ResultsPanel } from './ResultsPanel';

/** Where workers are missing, the readers load on demand (their own chunk) and run on the page. */
const readOnPage: ReadBilling = async (source, onLine, options) => {
  const { readBilling } = await import('../formats/readBilling');
  return readBilling(source, onLine, options);
};

/** Boots the pane: wait for Office (never crash without it), then render. */
async function boot(): Promise<void> {
  const element = document.getElementById('root');
  if (!element) return;
  const host = await waitForOfficeHost();
  const session = typeof Worker === 'undefined' ? inThreadSession(readOnPage) : workerSession();
  createRoot(element).render(
    <App host={host} dark={isOfficeThemeDark()} session={session}>
      <ModelPanel />
      <ResultsPanel />
    </App>,
  );
}

void boot();
