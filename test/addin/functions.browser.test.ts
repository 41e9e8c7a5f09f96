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
import { chromium, type Browser } from 'playwright-core';
import { BILLING_LINES_HEADER, billingLineToRow, parseDecimal, type BillingLine, type TableRows } from '../../src/engine';
import { readBilling } from '../../src/formats/readBilling';
import { readTableRows } from '../../src/formats/readTableRows';
import { fileSource } from '../../src/cli/fileSource';
import { NODE_READ_OPTIONS } from '../../src/cli/nodeReadOptions';
import { serveStatic, type StaticServer } from '../browser/serveStatic';

const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const ROOT = resolve(__dirname, '../..');
const DIST = resolve(ROOT, process.env.RERATE_ADDIN_DIST ?? 'dist/addin');
const GOLDEN = resolve(ROOT, 'test/golden');
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

interface Expected {
  invoices: { customer: string; period: string; currency: string; total: string; preciseTotal: string; residual: string;
    lines: { category: string; account: string | null; cost: string; price: string; amount: string }[] }[];
  issues: { code: string; severity: string }[];
}

/** Matches exact decimal text of the same value ("1.5" and "1.5000000000" alike), never a number. */
function exact(text: string): unknown {
  return {
    asymmetricMatch: (actual: unknown) => typeof actual === 'string' && parseDecimal(actual).eq(parseDecimal(text)),
    toAsymmetricMatcher: () => `exactly ${text}`,
  };
}

function tableCells(table: TableRows): unknown[][] {
  return [table.header, ...table.rows.map((row) => row.values)];
}

/** The INVOICE arguments of a golden scenario, as cells: lines as text under BILLING_LINES_HEADER. */
async function scenarioCells(dir: string, args: string[]): Promise<{ lines: unknown[][]; tables: Record<string, unknown[][]>; settings: unknown[][] }> {
  const tableFlags: Record<string, string> = { '--pricebook': 'priceBook', '--customers': 'customers', '--fx': 'fxRates', '--support-plans': 'supportPlans' };
  const tables: Record<string, unknown[][]> = {};
  const settings: unknown[][] = [['Setting', 'Value']];
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg in tableFlags) {
      tables[tableFlags[arg]] = tableCells((await readTableRows(fileSource(resolve(dir, args[i + 1])))).result);
      i += 1;
    } else if (arg.startsWith('--')) {
      settings.push([arg.slice(2), args[i + 1]]);
      i += 1;
    } else {
      files.push(arg);
    }
  }
  const lines: BillingLine[] = [];
  for (const file of files) {
    await readBilling({ ...fileSource(resolve(dir, file)), name: file }, (line) => lines.push(line), NODE_READ_OPTIONS);
  }
  return { lines: [[...BILLING_LINES_HEADER], ...lines.map(billingLineToRow)], tables, settings };
}

describeInChromium('the built functions bundle in headless Chromium', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(DIST);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test(`associates all 12 DBR ids and DBR.INVOICE spills the ${SCENARIO} golden invoices, asking only the loopback server`, async () => {
    const dir = join(GOLDEN, SCENARIO);
    const { args } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { args: string[] };
    const expectedJson = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
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

    const expected: unknown[][] = [];
    for (const invoice of expectedJson.invoices) {
      const head = [invoice.customer, invoice.period, invoice.currency];
      for (const line of invoice.lines) expected.push([...head, line.category, line.account ?? '', exact(line.cost), exact(line.price), Number(line.amount)]);
      expected.push([...head, 'Total', '', '', exact(invoice.preciseTotal), Number(invoice.total)]);
      expected.push([...head, 'Residual', '', '', '', Number(invoice.residual)]);
    }
    expect(spilled[0]).toEqual(['Customer', 'Period', 'Currency', 'Category', 'Account', 'Cost', 'Price', 'Amount']);
    expect(spilled.slice(1).filter((row) => row[0] !== 'Issue')).toEqual(expected);
    const issueKinds = (list: string[]) => [...new Set(list)].sort();
    expect(issueKinds(spilled.filter((row) => row[0] === 'Issue').map((row) => `${String(row[3]).split(':')[0]} ${String(row[1])}`)))
      .toEqual(issueKinds(expectedJson.issues.map((issue) => `${issue.code} ${issue.severity}`)));

    expect(errors).toEqual([]);
    expect(requests).toContain(`${server.url}/functions.js`);
    // The page's own <script src=office.js> is the one request off the loopback origin; the
    // bundles ask for nothing else.
    expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([OFFICE_JS]);
    await context.close();
  });
});
