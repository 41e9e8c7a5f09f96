import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { captureIo } from '../../test/helpers/captureIo';
import { configFromTables } from '../engine';
import type { SplitSettings } from './io';
import { main } from './main';
import { planSplit as planSourceSplit } from '../formats/splitPlan';
import { fileSource } from './fileSource';
import { countNewlines, readHalf, readSplit, type PartJob, type PartRunner } from './splitRead';

/** The split of a file on disk, as `rerate invoice` plans it (its size is the file's own). */
function planSplit(file: string, minBytes: number, cores: number) {
  return planSourceSplit(fileSource(file), { minBytes, cores });
}

const ROOT = path.resolve(__dirname, '../..');
const PUBLIC = path.resolve(ROOT, 'samples/public');
const GOLDEN = path.join(ROOT, 'test/golden');
const DEMO = path.join(ROOT, 'samples/demo');

/**
 * The worker's code run in this thread (Jest runs TypeScript, which a worker thread cannot load):
 * each half's result goes through the structured clone a worker's message goes through.
 */
function inThreadRunner(calls: PartJob[] = []): PartRunner {
  return async (job, onProgress) => {
    calls.push(job);
    const sent = deserialize(serialize(job)) as PartJob;
    const config = configFromTables(sent.config.tables, sent.config.settings, []);
    return deserialize(serialize(await readHalf(sent, config, onProgress)));
  };
}

const ALWAYS: SplitSettings = { runner: inThreadRunner(), minBytes: 1, cores: 2 };
const NEVER: SplitSettings = { runner: null, minBytes: 1, cores: 2 };

async function run(args: string[], cwd: string, split: SplitSettings): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd);
  io.split = split;
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'rerate-split-'));
}

/** A CUR 1.0 file of `rows` usage rows over three accounts and four usage types; `edit` may change row i. */
function curFile(rows: number, edit: (i: number, cells: string[]) => void = () => undefined): string {
  const header = ['identity/LineItemId', 'bill/PayerAccountId', 'bill/BillingPeriodStartDate', 'lineItem/UsageAccountId',
    'lineItem/LineItemType', 'lineItem/UsageStartDate', 'lineItem/ProductCode', 'lineItem/UsageType', 'lineItem/Operation',
    'lineItem/UsageAmount', 'lineItem/UnblendedRate', 'lineItem/UnblendedCost', 'lineItem/BlendedCost', 'lineItem/LineItemDescription',
    'product/ProductName', 'product/region'];
  const lines = [header.join(',')];
  const accounts = ['111111111111', '222222222222', '333333333333'];
  const usages = [['AmazonEC2', 'BoxUsage:t3.micro', 'RunInstances', 'Amazon Elastic Compute Cloud'],
    ['AmazonS3', 'TimedStorage-ByteHrs', 'StandardStorage', 'Amazon Simple Storage Service'],
    ['AWSDataTransfer', 'DataTransfer-Out-Bytes', 'PublicIP-Out', 'AWS Data Transfer'],
    ['AmazonRDS', 'InstanceUsage:db.t3.small', 'CreateDBInstance', 'Amazon Relational Database Service']];
  for (let i = 0; i < rows; i += 1) {
    const [code, usage, operation, name] = usages[(i * 7) % usages.length];
    const cost = `0.${String((i * 7919) % 100000).padStart(5, '0')}1`;
    const cells = [`id${i}`, '999999999999', '2024-05-01T00:00:00Z', accounts[i % 3], 'Usage', '2024-05-03T10:00:00Z', code, usage,
      operation, '1.5', '0.0104', cost, cost, `"row ${i}, usage"`, name, 'us-east-1'];
    edit(i, cells);
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('rerate invoice: a file split between two threads gives the one-thread result to the byte', () => {
  const goldenCases = readdirSync(GOLDEN, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(GOLDEN, entry.name, 'lines.csv')))
    .map((entry) => entry.name);

  it('the golden cases are there to compare (at least 10 with a lines.csv)', () => {
    expect(goldenCases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(goldenCases)('golden case %s: split and unsplit JSON, stderr and exit code are identical', async (name) => {
    const dir = path.join(GOLDEN, name);
    const spec = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as { command: string; args: string[] };
    const args = [spec.command, ...spec.args, '--format', 'json'];
    const one = await run(args, dir, NEVER);
    const two = await run(args, dir, ALWAYS);
    expect(two).toEqual(one);
    expect(one.out.length).toBeGreaterThan(0);
  });

  it.each([
    ['the demo month (two periods, RI, Savings Plans, credits, two currencies)', DEMO,
      ['cur-2023-10-11.csv', '--pricebook', 'pricebook.csv', '--customers', 'customers.csv', '--fx', 'fx.csv', '--credits', 'next-period']],
    ['the public CUR sample', PUBLIC, ['cur1-sample-2023-11.csv', '--tax', 'pass-through']],
    ['the public FOCUS sample', PUBLIC, ['focus-1.0-sample.csv']],
  ])('%s: split and unsplit output are identical, and the split was used', async (_what, cwd, args) => {
    const calls: PartJob[] = [];
    const split = { runner: inThreadRunner(calls), minBytes: 1, cores: 2 };
    const one = await run(['invoice', ...args, '--format', 'json'], cwd, NEVER);
    const two = await run(['invoice', ...args, '--format', 'json'], cwd, split);
    expect(calls.map((job) => job.half)).toEqual(['first', 'second']);
    expect(two).toEqual(one);
    expect(JSON.parse(two.out).controls[0].rowsRead).toBeGreaterThan(0);
  });

  it('bad numbers and an unmapped account in the second half keep the file\'s real line numbers and one folded issue', async () => {
    const dir = tempDir();
    // Rows 10 and 390 have a bad cost: one BAD_NUMBER issue, count 2, first at line 12 (header + 1-based).
    writeFileSync(path.join(dir, 'cur.csv'), curFile(400, (i, cells) => {
      if (i === 10 || i === 390) cells[11] = 'n/a';
      if (i === 350) cells[3] = '444444444444';
    }));
    writeFileSync(path.join(dir, 'customers.csv'), 'Account,Customer,Currency\n111111111111,Acme,USD\n222222222222,Acme,USD\n333333333333,Globex,USD\n');
    const args = ['invoice', 'cur.csv', '--customers', 'customers.csv', '--format', 'json'];
    const one = await run(args, dir, NEVER);
    const two = await run(args, dir, ALWAYS);
    expect(two).toEqual(one);
    const issues = JSON.parse(two.out).issues as { code: string; count?: number; source?: { line: number } }[];
    expect(issues.find((i) => i.code === 'BAD_NUMBER')).toMatchObject({ count: 2, source: { line: 12 } });
    expect(issues.find((i) => i.code === 'UNMAPPED_ACCOUNT')).toMatchObject({ source: { line: 352 } });
    expect(two.code).toBe(1);
  });

  it('a half whose thread fails (out of memory, say) makes the file be read in one piece: same output', async () => {
    const failing: PartRunner = async (job, onProgress) => {
      if (job.half === 'second') throw new Error('ERR_WORKER_OUT_OF_MEMORY');
      return inThreadRunner()(job, onProgress);
    };
    const args = ['invoice', 'cur-2023-10-11.csv', '--pricebook', 'pricebook.csv', '--customers', 'customers.csv', '--fx', 'fx.csv', '--format', 'json'];
    const one = await run(args, DEMO, NEVER);
    const two = await run(args, DEMO, { runner: failing, minBytes: 1, cores: 2 });
    expect(two).toEqual(one);
    expect(two.code).toBe(0);
  });

  it('a split inside a quoted field that spans lines falls back to one read: same output', async () => {
    const dir = tempDir();
    const text = curFile(200, (i, cells) => {
      // Every row's description holds newlines, so the middle of the file lies inside quotes.
      cells[13] = `"row ${i}\nsecond line\nthird line"`;
    });
    writeFileSync(path.join(dir, 'cur.csv'), text);
    const file = path.join(dir, 'cur.csv');
    const plan = await planSplit(file, 1, 2);
    expect(plan).not.toBeNull();
    const config = configFromTables({ priceBook: null, customers: null, fxRates: null, supportPlans: null }, (await import('../engine')).DEFAULT_SETTINGS, []);
    const job = { path: file, name: 'cur.csv', plan: plan!, config: { tables: { priceBook: null, customers: null, fxRates: null, supportPlans: null }, settings: config.settings } };
    // The split lands after a newline inside a quoted description: the first half ends inside quotes.
    const before = text.slice(0, plan!.split);
    expect((before.match(/"/g) ?? []).length % 2).toBe(1);
    expect(await readSplit(job, inThreadRunner(), () => undefined)).toBeNull();
    const args = ['invoice', 'cur.csv', '--format', 'json'];
    const one = await run(args, dir, NEVER);
    const two = await run(args, dir, ALWAYS);
    expect(two).toEqual(one);
    expect(JSON.parse(two.out).controls[0]).toMatchObject({ rowsRead: 200, rowsSkipped: 0 });
  });
});

describe('planSplit', () => {
  const dir = tempDir();
  const cur = path.join(dir, 'cur.csv');
  const text = curFile(100);
  writeFileSync(cur, text);
  const size = Buffer.byteLength(text);

  it('splits a CUR just after the first newline at or after 52% of its bytes, with the header line kept', async () => {
    const plan = await planSplit(cur, 1, 2);
    expect(plan).not.toBeNull();
    expect(text[plan!.split - 1]).toBe('\n');
    expect(plan!.split).toBe(text.indexOf('\n', Math.floor(size * 0.52)) + 1);
    expect(Buffer.from(plan!.header).toString()).toBe(`${text.split('\n')[0]}\n`);
  });

  it('is null below the size limit, on one core, for gzip, for a DBR (quoted or not), and for a header record spanning lines', async () => {
    expect(await planSplit(cur, size + 1, 2)).toBeNull();
    expect(await planSplit(cur, 1, 1)).toBeNull();
    const gz = path.join(dir, 'cur.csv.gz');
    writeFileSync(gz, gzipSync(text));
    expect(await planSplit(gz, 1, 2)).toBeNull();
    const dbr = path.join(dir, 'dbr.csv');
    const dbrText = `"InvoiceID","PayerAccountId","LinkedAccountId","RecordType","RecordId","ProductName","RateId","SubscriptionId","PricingPlanId","UsageType","Operation","AvailabilityZone","ReservedInstance","ItemDescription","UsageStartDate","UsageEndDate","UsageQuantity","BlendedRate","BlendedCost","UnBlendedRate","UnBlendedCost"\n${'x\n'.repeat(50)}`;
    writeFileSync(dbr, dbrText);
    expect(await planSplit(dbr, 1, 2)).toBeNull();
    const unquoted = path.join(dir, 'dbr-plain.csv');
    writeFileSync(unquoted, dbrText.replace(/"/g, ''));
    expect(await planSplit(unquoted, 1, 2)).toBeNull();
    const spanning = path.join(dir, 'spanning.csv');
    const spanningText = text.replace('identity/LineItemId', '"identity/\nLineItemId"');
    writeFileSync(spanning, spanningText);
    expect(await planSplit(spanning, 1, 2)).toBeNull();
    const quoted = path.join(dir, 'quoted.csv');
    const quotedText = text.replace(/^[^\n]+/, (line) => line.split(',').map((name) => `"${name}"`).join(','));
    writeFileSync(quoted, quotedText);
    expect(await planSplit(quoted, 1, 2)).not.toBeNull();
  });
});

describe('countNewlines', () => {
  it('counts the newline bytes before an offset, across 1 MiB reads', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lines.txt');
    const text = 'a\n'.repeat(700000) + 'tail\r\nend';
    writeFileSync(file, text);
    expect(await countNewlines(file, text.length)).toBe(700001);
    expect(await countNewlines(file, 1)).toBe(0);
    expect(await countNewlines(file, 2)).toBe(1);
    expect(await countNewlines(file, 1_400_001)).toBe(700000);
  });
});

describe('split reads of files with lone CR line ends (classic Mac, or mixed)', () => {
  const customers = 'Account,Customer,Currency\n111111111111,Acme,USD\n222222222222,Acme,USD\n333333333333,Globex,USD\n';
  /** Row 390 has a bad cost: BAD_NUMBER at line 392 when every line end counts. */
  const lf = curFile(400, (i, cells) => {
    if (i === 390) cells[11] = 'n/a';
  });

  it('a CR-only file is not split, and reads as its LF version does (same rows, same line numbers)', async () => {
    const dir = tempDir();
    const cr = lf.replace(/\n/g, '\r');
    writeFileSync(path.join(dir, 'cur.csv'), cr);
    writeFileSync(path.join(dir, 'lf.csv'), lf);
    writeFileSync(path.join(dir, 'customers.csv'), customers);
    expect(await planSplit(path.join(dir, 'cur.csv'), 1, 2)).toBeNull();
    const calls: PartJob[] = [];
    const two = await run(['invoice', 'cur.csv', '--customers', 'customers.csv', '--format', 'json'], dir, { runner: inThreadRunner(calls), minBytes: 1, cores: 2 });
    const asLf = await run(['invoice', 'lf.csv', '--customers', 'customers.csv', '--format', 'json'], dir, NEVER);
    expect(calls).toEqual([]);
    expect(two.out.replace(/cur\.csv/g, 'lf.csv')).toBe(asLf.out);
    const issues = JSON.parse(two.out).issues as { code: string; source?: { line: number } }[];
    expect(issues.find((i) => i.code === 'BAD_NUMBER')).toMatchObject({ source: { line: 392 } });
    expect(JSON.parse(two.out).controls[0]).toMatchObject({ rowsRead: 400 });
  });

  it('a header ended by a lone CR is not split (its first LF is lines further on)', async () => {
    const dir = tempDir();
    const text = lf.replace('\n', '\r');
    writeFileSync(path.join(dir, 'cur.csv'), text);
    expect(await planSplit(path.join(dir, 'cur.csv'), 1, 2)).toBeNull();
  });

  it('lone CRs before the split keep the second half\'s line numbers right: split and unsplit identical', async () => {
    const dir = tempDir();
    // Lines 2–100 end with a lone CR, 101–200 with CRLF; the rest (and the bad row) with LF.
    const lines = lf.split('\n');
    const text = lines.map((line, i) => line + (i === lines.length - 1 ? '' : i >= 1 && i < 100 ? '\r' : i >= 100 && i < 200 ? '\r\n' : '\n')).join('');
    writeFileSync(path.join(dir, 'cur.csv'), text);
    writeFileSync(path.join(dir, 'customers.csv'), customers);
    const calls: PartJob[] = [];
    const args = ['invoice', 'cur.csv', '--customers', 'customers.csv', '--format', 'json'];
    const one = await run(args, dir, NEVER);
    const two = await run(args, dir, { runner: inThreadRunner(calls), minBytes: 1, cores: 2 });
    expect(calls.map((job) => job.half)).toEqual(['first', 'second']);
    expect(two).toEqual(one);
    const issues = JSON.parse(two.out).issues as { code: string; source?: { line: number } }[];
    expect(issues.find((i) => i.code === 'BAD_NUMBER')).toMatchObject({ source: { line: 392 } });
  });

  it('countNewlines counts lone CRs as line ends and a CRLF cut by a 1 MiB read as one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mixed.txt');
    const mib = 1 << 20;
    const text = `${'x'.repeat(mib - 1)}\r\na\rb\r\rc\n`;
    writeFileSync(file, text);
    expect(await countNewlines(file, text.length)).toBe(5);
    expect(await countNewlines(file, mib + 1)).toBe(1);
  });
});
