import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo } from '../../test/helpers/captureIo';
import { main } from './main';

/**
 * Text from billing files reaching stderr or `--format table` (decision 7 of issue 9): a product
 * code and a tag holding an escape sequence, CR LF, a forged issue line and U+202E must show up
 * escaped, never raw, while JSON and CSV keep the exact data.
 */
const FORGED = 'a.csv:1: INTERNAL forged';
const EVIL_CODE = `Amazon\x1b[2JEC2\r\n${FORGED}\u202egnp`;
const EVIL_TAG = `{"user_team":"\x1b[2Jweb\r\n${FORGED} tag\u202e"`;
const EVIL_CUSTOMER = `Acme\x1b]0;owned\x07\n${FORGED} customer`;
const FORMULA = '=HYPERLINK("http://x.example","y")';
/** Every character escapeUntrusted shows escaped, but the line feed that ends each output line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

let dir: string;
let cur: string;
let customers: string;
let pricebook: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rerate-untrusted-'));
  cur = join(dir, 'evil.csv');
  const header = 'bill_billing_period_start_date,bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_product_code,line_item_usage_type,line_item_operation,line_item_usage_amount,line_item_currency_code,line_item_unblended_cost,resource_tags';
  const row = (code: string, cost: string, tags: string) =>
    `2023-12-01T00:00:00Z,111122223333,000000000042,Usage,2023-12-01T00:00:00Z,${quote(code)},BoxUsage,RunInstances,1,USD,${cost},${quote(tags)}`;
  writeFileSync(cur, [header, row(EVIL_CODE, '0.96', EVIL_TAG), row('AmazonS3', '1.5', '{"user_team":"web"}'), row(FORMULA, '-1.23', '{}'), ''].join('\r\n'));
  customers = join(dir, 'customers.csv');
  writeFileSync(customers, `Customer,Account,SupportPlan,Currency\n${quote(EVIL_CUSTOMER)},000000000042,,USD\n`);
  pricebook = join(dir, 'pricebook.csv');
  writeFileSync(pricebook, 'Rule,Customer,Account,ProductCode,UsageType,Operation,Region,ChargeKind,BillingEntity,Basis,Method,Value,ValidFrom,ValidTo,Note\ns3,,,AmazonS3,,,,,,unblended,markup,8%,,,\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectNothingRaw(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  for (const line of text.split('\n')) expect(line.startsWith(FORGED)).toBe(false);
}

describe('text from billing files on stderr and in tables', () => {
  it('main(["invoice", hostile CUR, customers, pricebook]) shows the table and the issues with control characters escaped', async () => {
    const io = captureIo();
    const code = await main(['invoice', cur, '--customers', customers, '--pricebook', pricebook], io);
    expect(code).toBe(0);
    expectNothingRaw(io.out);
    expectNothingRaw(io.err);
    expect(io.out).toContain('Amazon\\x1b[2JEC2\\r\\na.csv:1: INTERNAL forged\\u202egnp');
    expect(io.out).toContain('Acme\\x1b]0;owned\\x07\\na.csv:1: INTERNAL forged customer — 2023-12 — USD');
    // The NO_RULE warning names the product code; the BAD_VALUE warning quotes the tag.
    expect(io.err).toContain('NO_RULE');
    expect(io.err).toContain('Amazon\\x1b[2JEC2\\r\\na.csv:1: INTERNAL forged\\u202egnp');
    expect(io.err).toContain('\\x1b[2Jweb\\r\\na.csv:1: INTERNAL forged tag\\u202e');
  });

  it('main(["reconcile", hostile CUR, customers]) shows the walk table header escaped', async () => {
    const io = captureIo();
    expect(await main(['reconcile', cur, '--customers', customers], io)).toBe(0);
    expectNothingRaw(io.out);
    expectNothingRaw(io.err);
    expect(io.out).toContain('Acme\\x1b]0;owned\\x07\\na.csv:1: INTERNAL forged customer — 2023-12');
  });

  it('main(["inspect", hostile CUR]) shows its table and issues escaped', async () => {
    const io = captureIo();
    expect(await main(['inspect', cur], io)).toBe(0);
    expectNothingRaw(io.out);
    expectNothingRaw(io.err);
    expect(io.err).toContain('\\x1b[2Jweb\\r\\na.csv:1: INTERNAL forged tag\\u202e');
  });

  it('main(["invoice", hostile CUR, "--format", "json"|"csv"]) keeps the text: JSON exact, CSV quoted with control characters kept and formulas defused', async () => {
    const json = captureIo();
    expect(await main(['invoice', cur, '--customers', customers, '--format', 'json'], json)).toBe(0);
    const parsed = JSON.parse(json.out) as { invoices: { customer: string; lines: { category: string }[] }[] };
    expect(parsed.invoices[0].customer).toBe(EVIL_CUSTOMER);
    expect(parsed.invoices[0].lines.map((l) => l.category)).toContain(EVIL_CODE);
    expectNothingRaw(json.err);
    const csv = captureIo();
    expect(await main(['invoice', cur, '--customers', customers, '--format', 'csv'], csv)).toBe(0);
    expect(csv.out).toContain(`${quote(EVIL_CUSTOMER)},2023-12,USD,${quote(EVIL_CODE)},,0.96,0.96,0.96,(none)\r\n`);
    // A text that Excel would run as a formula gets a leading ', a negative amount stays a number.
    expect(csv.out).toContain(`${quote(EVIL_CUSTOMER)},2023-12,USD,${quote(`'${FORMULA}`)},,-1.23,-1.23,-1.23,(none)\r\n`);
  });
});
