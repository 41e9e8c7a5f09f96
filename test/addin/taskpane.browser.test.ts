/**
 * The real production bundle in Debian's headless Chromium: built here with the webpack Node API,
 * served on 127.0.0.1, office.js from the CDN replaced by a fake Office/Excel/CustomFunctions
 * (test/browser/fakeOfficeScript.ts). Checks that the functions register and compute, the pane
 * renders and reads the public samples, the empty state outside Excel, and that the page asks
 * no other host for anything. Skipped only when /usr/bin/chromium is absent (CI installs it).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OFFICE_JS, describeInChromium, startPaneBrowser, type PaneBrowser } from '../browser/paneBrowser';

const PUBLIC_DATA = resolve(__dirname, '../../samples/public');
/** Where the screenshots go (git-ignored). */
const screenshotDir = resolve(__dirname, '../../test-results/taskpane-browser');

describeInChromium('the task pane browser test')('task pane in headless Chromium', () => {
  let pane: PaneBrowser;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    pane = await startPaneBrowser();
  }, 240_000);

  afterAll(async () => {
    await pane?.close();
  });

  test('inside Excel the DBR functions register and compute, and the pane renders', async () => {
    const { page, external, errors } = await pane.visit('Excel');
    await page.getByRole('heading', { name: 'Rerate', level: 1 }).waitFor();
    const ids = await page.evaluate(() => (window as unknown as { __rerate: { ids: string[] } }).__rerate.ids);
    expect([...ids].sort()).toEqual(['BLENDED', 'FX', 'INVOICE', 'MARGIN', 'MARKUP', 'NORMFACTOR', 'PENNY', 'RERATE', 'RIALLOC', 'ROUND', 'SPALLOC', 'SUPPORT']);
    const computed = await page.evaluate(() => {
      const fns = (window as unknown as { __rerate: { registered: Record<string, (...args: unknown[]) => unknown> } }).__rerate.registered;
      return [fns.PENNY([[1], [1], [1]], 1), fns.ROUND([[1.005]]), fns.FX([[10], [20]], [[1.1]])];
    });
    expect(computed).toEqual([[[0.34], [0.33], [0.33]], [[1.01]], [[11], [22]]]);
    await expect(page.getByRole('button', { name: 'Choose files…' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    expect(external).toEqual([OFFICE_JS]);
    await page.context().close();
  });

  test('picking the public CUR and FOCUS samples shows their formats, rows and Σ unblended', async () => {
    const { page, external, errors } = await pane.visit('Excel');
    await page.getByRole('button', { name: 'Choose files…' }).waitFor();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    await page.setInputFiles('input[type=file]', [join(PUBLIC_DATA, 'cur1-sample-2023-11.csv'), join(PUBLIC_DATA, 'focus-1.0-sample.csv')]);
    const summaries = page.getByTestId('file-summary');
    await summaries.nth(1).waitFor({ timeout: 60_000 });
    const shot = join(screenshotDir, 'taskpane-import.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`task pane screenshot: ${shot}`);
    const facts = await page.evaluate(() => [...document.querySelectorAll('[data-testid="file-summary"]')].map((article) => ({
      file: article.querySelector('h3')?.textContent,
      format: article.querySelector('[data-fact="Format"]')?.textContent,
      periods: article.querySelector('[data-fact="Periods"]')?.textContent,
      rows: article.querySelector('[data-fact="Rows"]')?.textContent,
      unblended: article.querySelector('[data-fact="Σ unblended"]')?.textContent,
    })));
    await expect(page.getByRole('button', { name: 'Choose files…' }).isEnabled()).resolves.toBe(true);
    // Parsed off the UI thread, in the import worker's own bundle.
    expect(workers).toEqual(['/importWorker.js']);
    expect(facts).toEqual([
      { file: 'cur1-sample-2023-11.csv', format: 'cur1', periods: '2023-11', rows: '1,281', unblended: '1.6823086974' },
      { file: 'focus-1.0-sample.csv', format: 'focus', periods: '2024-09, 2024-10', rows: '1,000', unblended: '20.52022672899' },
    ]);
    expect(errors).toEqual([]);
    expect(external).toEqual([OFFICE_JS]);
    await page.context().close();
  }, 120_000);

  test('outside Excel (host null) the pane shows where to open Rerate', async () => {
    const { page, errors } = await pane.visit(null);
    await page.getByRole('heading', { name: 'Open Rerate in Excel: Home → Rerate' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'taskpane-empty.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('with the office.js CDN unreachable the page still shows the empty state and nothing throws', async () => {
    const { page, errors } = await pane.visit('unreachable');
    await page.getByRole('heading', { name: 'Open Rerate in Excel: Home → Rerate' }).waitFor();
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await page.context().close();
  });
});
