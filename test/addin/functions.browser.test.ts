/**
 * The built functions bundle (dist/addin/functions.js) in Debian's headless Chromium, loaded by
 * the page that loads it in Excel — taskpane.html, the shared runtime (webpack emits no separate
 * functions.html) — with a fake `CustomFunctions` host injected before any script runs. Checks
 * that the bundle associates all twelve DBR ids, that `DBR.INVOICE` called as Excel calls it (2-D
 * arrays of text cells, header rows, null for an omitted optional argument) spills one golden
 * scenario's expected invoices line for line, total and residual, and that nothing but the
 * loopback server is asked for anything (office.js, which the page itself names, is answered by a
 * fake Office stub and otherwise left unfetched).
 *
 * Uses the bundle built already: $RERATE_ADDIN_DIST, else dist/addin (`npm run build:addin`).
 * Skipped, with the reason printed, when /usr/bin/chromium or the built bundle is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { GOLDEN, expectedInvoiceRows, jsonIssueKinds, scenarioCells, spilledIssueKinds, type InvoicesJson } from '../helpers/goldenCells';
import { CHROMIUM, OFFICE_JS, launchChromium } from '../browser/paneBrowser';
import { serveStatic, type StaticServer } from '../browser/serveStatic';

const ROOT = resolve(__dirname, '../..');
const DIST = resolve(ROOT, process.env.RERATE_ADDIN_DIST ?? 'dist/addin');
/** Four tables and two settings, three currencies after FX, half-even rounding, a credit. */
const SCENARIO = 'rounding-half-even';
const DBR_IDS = ['ROUND', 'FX', 'MARGIN', 'MARKUP', 'PENNY', 'RERATE', 'INVOICE', 'RIALLOC', 'SPALLOC', 'SUPPORT', 'BLENDED', 'NORMFACTOR'];

const skipReason = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is absent (apt-get install -y chromium)`
  : !existsSync(join(DIST, 'functions.js')) || !existsSync(join(DIST, 'taskpane.html'))
    ? `the add-in is not built in ${DIST} (npm run build:addin, or set RERATE_ADDIN_DIST)`
    : null;
if (skipReason) console.warn(`Skipping the functions bundle browser test: ${skipReason}.`);
const describeInChromium = skipReason ? describe.skip : describe;

/** Installed by addInitScript before any script of the page: records every associate call. */
function installFakeCustomFunctions(): void {
  const state = { ids: [] as string[], registered: {} as Record<string, unknown> };
  function ExcelError(this: { code: string; message?: string }, code: string, message?: string) {
    this.code = code;
    this.message = message;
  }
  Object.assign(window, {
    __customFunctions: state,
    CustomFunctions: {
      Error: ExcelError,
      ErrorCode: {
        invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!',
        nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!',
      },
      associate(id: string, fn: unknown) {
        state.ids.push(id);
        state.registered[id] = fn;
      },
    },
  });
}

/** Served in place of office.js: an Office in Excel with a no-op Excel.run (the pane runs too). */
const FAKE_OFFICE_JS = `
window.Office = {
  onReady: function () { return Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }); },
  context: { officeTheme: { bodyBackgroundColor: '#ffffff', isDarkTheme: false } },
};
window.Excel = { run: function (batch) { return batch({ workbook: {}, sync: function () { return Promise.resolve(); } }); } };
`;

describeInChromium('the built functions bundle in headless Chromium', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(DIST);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test(`associates all 12 DBR ids and DBR.INVOICE spills the ${SCENARIO} golden invoices, asking only the loopback server`, async () => {
    const dir = join(GOLDEN, SCENARIO);
    const { args } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { args: string[] };
    const expectedJson = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as InvoicesJson;
    const { lines, tables, settings } = await scenarioCells(dir, args);
    expect(Object.keys(tables).sort()).toEqual(['customers', 'fxRates', 'priceBook']);
    expect(settings.length).toBe(3);

    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
    await context.addInitScript(installFakeCustomFunctions);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${server.url}/`)) return route.continue();
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: FAKE_OFFICE_JS });
      return route.abort('internetdisconnected');
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForFunction((count) => (window as unknown as { __customFunctions: { ids: string[] } }).__customFunctions.ids.length >= count, DBR_IDS.length);

    const ids = await page.evaluate(() => (window as unknown as { __customFunctions: { ids: string[] } }).__customFunctions.ids);
    expect([...ids].sort()).toEqual([...DBR_IDS].sort());
    expect(new Set(ids).size).toBe(ids.length);

    // As Excel calls it: priceBook, customers, settings, fxRates given; supportPlans omitted (null); precise TRUE.
    const started = Date.now();
    const spilled = await page.evaluate(async (argsOfCall) => {
      const invoice = (window as unknown as { __customFunctions: { registered: Record<string, (...a: unknown[]) => unknown> } }).__customFunctions.registered.INVOICE;
      return await invoice(...argsOfCall) as unknown[][];
    }, [lines, tables.priceBook, tables.customers, settings, tables.fxRates, null, true] as unknown[]);
    console.log(`DBR.INVOICE over ${lines.length - 1} lines in Chromium: ${Date.now() - started} ms`);

    expect(spilled[0]).toEqual(['Customer', 'Period', 'Currency', 'Category', 'Account', 'Cost', 'Price', 'Amount']);
    expect(spilled.slice(1).filter((row) => row[0] !== 'Issue')).toEqual(expectedInvoiceRows(expectedJson));
    expect(spilledIssueKinds(spilled)).toEqual(jsonIssueKinds(expectedJson));

    expect(errors).toEqual([]);
    expect(requests).toContain(`${server.url}/functions.js`);
    // The page's own <script src=office.js> is the one request off the loopback origin; the
    // bundles ask for nothing else.
    expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([OFFICE_JS]);
    await context.close();
  });
});
