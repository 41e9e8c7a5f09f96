import { createRoot } from 'react-dom/client';
import { App } from './App';
import { inThreadAnalyzer, workerAnalyzer, type AnalyzeFiles } from './analyzeFiles';
import { isOfficeThemeDark, waitForOfficeHost } from './officeHost';

/** Where workers are missing, the readers load on demand (their own chunk) and run on the page. */
const analyzeOnPage: AnalyzeFiles = async (files, options) => {
  const { readBilling } = await import('../formats/readBilling');
  return inThreadAnalyzer(readBilling)(files, options);
};

/** Boots the pane: wait for Office (never crash without it), then render. */
async function boot(): Promise<void> {
  const element = document.getElementById('root');
  if (!element) return;
  const host = await waitForOfficeHost();
  const analyze = typeof Worker === 'undefined' ? analyzeOnPage : workerAnalyzer();
  createRoot(element).render(<App host={host} dark={isOfficeThemeDark()} analyze={analyze} />);
}

void boot();
