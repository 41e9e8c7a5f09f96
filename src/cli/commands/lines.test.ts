import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { captureIo } from '../../../test/helpers/captureIo';
import { BILLING_LINES_HEADER, loadBillingLines } from '../../engine/lines/billingLinesTable';
import type { BillingLine } from '../../engine/line';
import { readBilling } from '../../formats/readBilling';
import { readTableRows } from '../../formats/readTableRows';
import { fileSource } from '../fileSource';
import { main } from '../main';
import { csvRow } from '../csvRow';

const PUBLIC = path.resolve(__dirname, '../../../samples/public');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
const CUR = 'cur1-sample-2023-11.csv';
const HEADER = 'SourceFile,SourceLine,Format,Period,PayerAccount,Account,ChargeKind,ProductCode,Service,UsageType,Operation,AvailabilityZone,Region,InstanceType,Platform,Tenancy,BillingEntity,UsageAmount,UnblendedRate,UnblendedCost,BlendedRate,BlendedCost,ListCost,AmortizedCost,CommitmentArn,CommitmentOwner,Currency,InvoiceId,Provider,Description,ResourceId,Tags';
const ROW_2 = 'cur1-sample-2023-11.csv,2,cur1,2023-11,123412340534,123412340534,tax,AWSCloudTrail,AWS CloudTrail,,,,,,,,AWS,1.0,,0.0,,0.0,0.0,0.0,,,USD,,AWS,Tax for product code AWSCloudTrail,,';
const ROW_14 = 'cur1-sample-2023-11.csv,14,cur1,2023-11,123412340534,123412340534,usage,AWSCloudShell,AWS CloudShell,USE1-DataTransfer-xAZ-In-Bytes,CloudShell data transfer,,us-east-1,,,,AWS,0.0010569617,0.0,0.0,0.0,0.0,0.0,0.0,,,USD,,AWS,$0.00 per GB - regional data transfer - in/out/between EC2 Azs or using elastic IPs or ELB,,';

/** The lines readBilling gives for a file, named as `rerate lines` names it (the argument). */
async function readerLines(dir: string, arg: string): Promise<BillingLine[]> {
  const lines: BillingLine[] = [];
  await readBilling({ ...fileSource(path.join(dir, arg)), name: arg }, (line) => lines.push(line));
  return lines;
}

/** A CSV file read back as the CLI reads a table, then through loadBillingLines. */
async function loadCsv(file: string) {
  const read = await readTableRows(fileSource(file));
  expect(read.issues).toEqual([]);
  return loadBillingLines(read.result);
}

describe('rerate lines', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rerate-lines-'));

  it('main(["lines", the public CUR sample]) writes the header and 1,281 rows of exact text as CSV to stdout, exit 0', async () => {
    const io = captureIo(PUBLIC);
    expect(await main(['lines', CUR], io)).toBe(0);
    expect(io.err).toBe('');
    const records = io.out.split('\r\n');
    expect(records).toHaveLength(1 + 1281 + 1);
    expect(records[0]).toBe(HEADER);
    expect(records[0]).toBe(BILLING_LINES_HEADER.join(','));
    expect(records[1]).toBe(ROW_2);
    expect(records.find((r) => r.startsWith(`${CUR},14,`))).toBe(ROW_14);
    expect(records[1282]).toBe('');
  });

  it('main(["lines", sample, "--format", "json"]) writes { columns, rows }: the columns, 1,281 rows of strings', async () => {
    const io = captureIo(PUBLIC);
    expect(await main(['lines', CUR, '--format', 'json'], io)).toBe(0);
    expect(io.err).toBe('');
    const json = JSON.parse(io.out) as { columns: string[]; rows: string[][] };
    expect(Object.keys(json)).toEqual(['columns', 'rows']);
    expect(json.columns).toEqual([...BILLING_LINES_HEADER]);
    expect(json.rows).toHaveLength(1281);
    expect(json.rows.every((row) => row.length === 32 && row.every((cell) => typeof cell === 'string'))).toBe(true);
    expect(json.rows[0].join(',')).toBe(ROW_2);
    expect(json.rows[12]).toEqual(ROW_14.split(','));
    const at = (name: string) => json.rows[12][json.columns.indexOf(name)];
    expect([at('UsageAmount'), at('UnblendedCost'), at('Account'), at('Tags')]).toEqual(['0.0010569617', '0.0', '123412340534', '']);
  });

  it('--out lines.csv round-trips: the file read as a table → loadBillingLines gives the reader\'s lines, field for field', async () => {
    const out = path.join(dir, 'lines.csv');
    const io = captureIo(PUBLIC);
    expect(await main(['lines', CUR, '--out', out], io)).toBe(0);
    expect([io.out, io.err]).toEqual(['', '']);
    const stdout = captureIo(PUBLIC);
    await main(['lines', CUR], stdout);
    expect(readFileSync(out, 'utf8')).toBe(stdout.out);
    const loaded = await loadCsv(out);
    expect(loaded.issues).toEqual([]);
    expect(loaded.result).toHaveLength(1281);
    expect(loaded.result).toEqual(await readerLines(PUBLIC, CUR));
  });

  it('a zip of the CUR and FOCUS samples: one row per line of each entry, named zip!entry, and the round trip holds', async () => {
    writeFileSync(path.join(dir, 'two.zip'), zipSync({ 'a.csv': readFileSync(path.join(PUBLIC, CUR)), 'b.csv': readFileSync(path.join(PUBLIC, 'focus-1.0-sample.csv')) }));
    const io = captureIo(dir);
    expect(await main(['lines', 'two.zip', '--out', 'two.csv'], io)).toBe(0);
    // The FOCUS sample's ids are not 12 digits: warnings, kept as written (exit 0, the file written).
    expect(io.err.split('\n').filter(Boolean).map((l) => l.slice(0, 44))).toEqual(['two.zip!b.csv:2: BAD_VALUE Account id "12345', 'two.zip!b.csv:2: BAD_VALUE Account id "51738']);
    const expected = await readerLines(dir, 'two.zip');
    const loaded = await loadCsv(path.join(dir, 'two.csv'));
    expect(loaded.issues).toEqual([]);
    expect(loaded.result).toEqual(expected);
    expect(loaded.result.filter((l) => l.source.file === 'two.zip!a.csv')).toHaveLength(1281);
    expect(loaded.result.length).toBeGreaterThan(1281);
    expect(new Set(loaded.result.map((l) => l.format))).toEqual(new Set(['cur1', 'focus']));
  });

  it('the same file twice is read once (DUPLICATE_FILE warning), exit 0', async () => {
    const io = captureIo(PUBLIC);
    expect(await main(['lines', CUR, `./${CUR}`, '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out).rows).toHaveLength(1281);
    expect(io.err).toBe(`DUPLICATE_FILE ./${CUR} is the same file as ${CUR}; read once.\n`);
  });

  it('a missing file: exit 1, UNREADABLE_FILE naming it, nothing on stdout, --out not created, an existing --out unchanged', async () => {
    const io = captureIo(dir);
    expect(await main(['lines', path.join(PUBLIC, CUR), 'no-such.csv', '--out', 'missing.csv'], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toMatch(/UNREADABLE_FILE .*no-such\.csv/);
    expect(existsSync(path.join(dir, 'missing.csv'))).toBe(false);
    writeFileSync(path.join(dir, 'kept.csv'), 'before');
    const again = captureIo(dir);
    expect(await main(['lines', 'no-such.csv', '--out', 'kept.csv'], again)).toBe(1);
    expect(readFileSync(path.join(dir, 'kept.csv'), 'utf8')).toBe('before');
    const stdout = captureIo(dir);
    expect(await main(['lines', path.join(PUBLIC, CUR), 'no-such.csv'], stdout)).toBe(1);
    expect(stdout.out).toBe('');
  });

  it('a file with error issues: exit 1, the issues on stderr, --out not written (an existing file stays), no temp file left', async () => {
    writeFileSync(path.join(dir, 'out.csv'), 'before');
    const io = captureIo(dir);
    expect(await main(['lines', path.join(FIXTURES, 'dbr/dbr-mismatch-2017-07.csv'), '--out', 'out.csv'], io)).toBe(1);
    expect(io.err).toMatch(/CONTROL_TOTAL_MISMATCH/);
    expect(io.err.endsWith('rerate lines: out.csv not written: the run has errors.\n')).toBe(true);
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('before');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('bad usage: an unknown --format, no files, an --out in a missing folder exit 2', async () => {
    expect(await main(['lines', CUR, '--format', 'xlsx'], captureIo(PUBLIC))).toBe(2);
    expect(await main(['lines'], captureIo(PUBLIC))).toBe(2);
    expect(await main(['lines', CUR, '--out', 'no-folder/x.csv'], captureIo(dir))).toBe(2);
  });

  it('csvRow writes cells exactly (no formula prefix), quoting only what RFC 4180 needs and edge spaces; a table reader gives them back', async () => {
    const cells = ['=HYPERLINK("http://x")', '+cmd', '-1.5', ' lead', 'trail ', 'a,b', 'two\nlines', 'plain', ''];
    expect(csvRow(cells)).toBe('"=HYPERLINK(""http://x"")",+cmd,-1.5," lead","trail ","a,b","two\nlines",plain,\r\n');
    const file = path.join(dir, 'cells.csv');
    writeFileSync(file, csvRow(cells.map((_, i) => `C${i}`)) + csvRow(cells));
    const read = await readTableRows(fileSource(file));
    expect(read.result.rows.map((r) => r.values)).toEqual([cells]);
  });
});
