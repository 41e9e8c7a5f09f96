import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';

/**
 * The hostile corpus's file generator: small valid billing files and tables built in code, and the
 * ways to damage them. Deterministic — no randomness, no clock — so a case writes the same bytes on
 * every run. Each case gets its own temp folder (`Corpus.create()`); `{dir}` in a case's arguments
 * and expectations stands for it.
 */

// ---------------------------------------------------------------- billing text

/** CUR 1.0, the columns pricing reads (FORMATS.md), in the order AWS writes them. */
export const CUR1_COLUMNS = [
  'identity/LineItemId', 'bill/PayerAccountId', 'bill/BillingPeriodStartDate', 'lineItem/UsageAccountId',
  'lineItem/LineItemType', 'lineItem/UsageStartDate', 'lineItem/ProductCode', 'lineItem/UsageType',
  'lineItem/CurrencyCode', 'lineItem/UnblendedCost', 'lineItem/LineItemDescription',
] as const;
export type Cur1Column = (typeof CUR1_COLUMNS)[number];
export type Cur1Row = Partial<Record<Cur1Column, string>>;

const CUR1_DEFAULTS: Record<Cur1Column, string> = {
  'identity/LineItemId': 'id', 'bill/PayerAccountId': '111122223333', 'bill/BillingPeriodStartDate': '2023-11-01T00:00:00Z',
  'lineItem/UsageAccountId': '000000000042', 'lineItem/LineItemType': 'Usage', 'lineItem/UsageStartDate': '2023-11-01T00:00:00Z',
  'lineItem/ProductCode': 'AmazonS3', 'lineItem/UsageType': 'TimedStorage-ByteHrs', 'lineItem/CurrencyCode': 'USD',
  'lineItem/UnblendedCost': '1', 'lineItem/LineItemDescription': 'storage',
};

/** One CSV cell: quoted when it holds a comma, quote, CR or LF. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[], separator = ','): string {
  return cells.map(csvCell).join(separator);
}

/**
 * A CUR 1.0 file: `costs` gives one Usage row per cost (or a partial row), `columns` the header
 * (default CUR1_COLUMNS), `eol` the line end (after every line, the last one too unless `final` is false).
 */
export function cur1(rows: readonly (string | Cur1Row)[], options: { columns?: readonly string[]; eol?: string; final?: boolean } = {}): string {
  const columns = options.columns ?? CUR1_COLUMNS;
  const eol = options.eol ?? '\n';
  const lines = [csvLine(columns)];
  rows.forEach((row, index) => {
    const values: Record<string, string> = { ...CUR1_DEFAULTS, 'identity/LineItemId': `li-${index + 1}`, ...(typeof row === 'string' ? { 'lineItem/UnblendedCost': row } : row) };
    lines.push(csvLine(columns.map((c) => values[c] ?? '')));
  });
  return lines.join(eol) + (options.final === false ? '' : eol);
}

/** CUR 2.0 (snake_case, `resource_tags` as a JSON map). */
export const CUR2_COLUMNS = [
  'bill_payer_account_id', 'bill_billing_period_start_date', 'line_item_usage_account_id', 'line_item_line_item_type',
  'line_item_usage_start_date', 'line_item_product_code', 'line_item_usage_type', 'line_item_currency_code',
  'line_item_unblended_cost', 'resource_tags',
];

export function cur2(rows: readonly { cost: string; tags?: string; account?: string }[]): string {
  const lines = [csvLine(CUR2_COLUMNS)];
  for (const row of rows) {
    lines.push(csvLine(['111122223333', '2023-12-01T00:00:00Z', row.account ?? '000000000042', 'Usage', '2023-12-01T00:00:00Z',
      'AmazonEC2', 'BoxUsage:m5.large', 'USD', row.cost, row.tags ?? '']));
  }
  return `${lines.join('\n')}\n`;
}

/** FOCUS 1.2, the columns the mapper reads. */
export const FOCUS_COLUMNS = [
  'BillingAccountId', 'BillingCurrency', 'BillingPeriodStart', 'ChargeCategory', 'ChargePeriodStart', 'ProviderName',
  'ServiceName', 'SubAccountId', 'RegionId', 'ListCost', 'EffectiveCost', 'BilledCost', 'Tags', 'x_ServiceCode', 'x_UsageType',
];

export function focus(rows: readonly { cost: string; tags?: string }[], columns: readonly string[] = FOCUS_COLUMNS): string {
  const lines = [csvLine(columns)];
  for (const row of rows) {
    const values: Record<string, string> = {
      BillingAccountId: '111122223333', BillingCurrency: 'USD', BillingPeriodStart: '2025-01-01T00:00:00Z', ChargeCategory: 'Usage',
      ChargePeriodStart: '2025-01-05T00:00:00Z', ProviderName: 'AWS', ServiceName: 'Amazon Elastic Compute Cloud',
      SubAccountId: '000000000042', RegionId: 'us-east-1', ListCost: row.cost, EffectiveCost: row.cost, BilledCost: row.cost,
      Tags: row.tags ?? 'NULL', x_ServiceCode: 'AmazonEC2', x_UsageType: 'USE1-BoxUsage:m5.large',
    };
    lines.push(csvLine(columns.map((c) => values[c] ?? '')));
  }
  return `${lines.join('\n')}\n`;
}

/** A DBR (detailed billing report) with one LineItem per cost, no total rows. */
export function dbr(costs: readonly string[]): string {
  const header = 'InvoiceID,PayerAccountId,LinkedAccountId,RecordType,RecordId,ProductName,UsageType,Operation,UsageStartDate,UsageEndDate,UsageQuantity,BlendedCost,UnBlendedCost';
  const rows = costs.map((cost, i) => `123456789,999988887777,012345678901,LineItem,${i + 1},Amazon Simple Storage Service,TimedStorage-ByteHrs,StandardStorage,2017-05-01 00:00:00,2017-05-31 23:59:59,1,${cost},${cost}`);
  return `${[header, ...rows].join('\n')}\n`;
}

// ---------------------------------------------------------------- tables

export const PRICEBOOK_HEADER = 'Rule,Customer,Account,ProductCode,UsageType,Operation,Region,ChargeKind,BillingEntity,Basis,Method,Value,ValidFrom,ValidTo,Note';

/** A price book of `rules` (each a full CSV line after the header); default one 10% markup. */
export function pricebook(...rules: string[]): string {
  return `${[PRICEBOOK_HEADER, ...(rules.length ? rules : ['markup,,,,,,,,,unblended,markup,10%,,,'])].join('\n')}\n`;
}

/** Customers: `rows` as `Customer,Account,SupportPlan,Currency` lines. */
export function customers(...rows: string[]): string {
  return `${['Customer,Account,SupportPlan,Currency', ...rows].join('\n')}\n`;
}

export function fx(...rows: string[]): string {
  return `${['Period,From,To,Rate', ...rows].join('\n')}\n`;
}

export function supportPlans(...rows: string[]): string {
  return `${['Plan,Minimum,Tiers,Scope', ...rows].join('\n')}\n`;
}

export function settings(...rows: string[]): string {
  return `${['Setting,Value', ...rows].join('\n')}\n`;
}

// ---------------------------------------------------------------- bytes

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** UTF-16 with its byte-order mark, little or big endian. */
export function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (endian === 'le') return new Uint8Array(le);
  const be = Buffer.from(le);
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(be);
}

/** Text as Windows-1252 bytes for its Latin-1 range (é → 0xE9): what Excel's "CSV" save writes. */
export const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

export const gzip = (bytes: Uint8Array | string): Uint8Array => new Uint8Array(gzipSync(typeof bytes === 'string' ? utf8(bytes) : bytes));

/** A zip of `entries` (name → bytes; a name ending in `/` is a folder); `stored` keeps the data uncompressed. */
export function zip(entries: Record<string, Uint8Array | string>, stored = false): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(entries)) {
    const bytes = typeof content === 'string' ? utf8(content) : content;
    zippable[name] = [bytes, { level: stored ? 0 : 6, mtime: new Date('2024-01-01T00:00:00Z') }];
  }
  return zipSync(zippable);
}

/** A copy of `bytes` with the first occurrence of `marker` changed in its first byte (CRC no longer matches). */
export function flipAfter(bytes: Uint8Array, marker: string): Uint8Array {
  const at = Buffer.from(bytes).indexOf(marker, 0, 'latin1');
  if (at < 0) throw new Error(`marker ${marker} not in the bytes`);
  const copy = new Uint8Array(bytes);
  copy[at] ^= 0x01;
  return copy;
}

/** A small CUR 2.0 Parquet file: two Usage rows costing 1.25 and 2.5. */
export function cur2Parquet(): Uint8Array {
  const buffer = parquetWriteBuffer({
    rowGroupSize: 2,
    columnData: [
      { name: 'bill_payer_account_id', data: ['111122223333', '111122223333'] },
      { name: 'bill_billing_period_start_date', data: ['2023-12-01T00:00:00Z', '2023-12-01T00:00:00Z'] },
      { name: 'line_item_usage_account_id', data: ['000000000042', '000000000042'] },
      { name: 'line_item_line_item_type', data: ['Usage', 'Usage'] },
      { name: 'line_item_product_code', data: ['AmazonEC2', 'AmazonEC2'] },
      { name: 'line_item_currency_code', data: ['USD', 'USD'] },
      { name: 'line_item_unblended_cost', data: [1.25, 2.5] },
    ],
    schema: [
      { name: 'root', num_children: 7 },
      { name: 'bill_payer_account_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'bill_billing_period_start_date', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'line_item_usage_account_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'line_item_line_item_type', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'line_item_product_code', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'line_item_currency_code', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'line_item_unblended_cost', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    ],
  });
  return new Uint8Array(buffer);
}

/** The Parquet file with the bytes of its first page overwritten (magic and footer intact). */
export function damagedParquet(): Uint8Array {
  const bytes = cur2Parquet();
  // Past the 4-byte magic: the first column chunk's page header and data.
  for (let i = 4; i < 40; i++) bytes[i] = 0xff;
  return bytes;
}

/**
 * A minimal .xlsx (content types, workbook, one sheet) whose sheet XML holds `bytes` of blank
 * padding: a few KB deflated. `lie`: the zip headers declare the sheet 100 bytes uncompressed.
 */
export function xlsxBomb(bytes: number, lie: boolean): Uint8Array {
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${' '.repeat(bytes)}</sheetData></worksheet>`;
  const archive = zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="PriceBook" sheetId="1"/></sheets></workbook>',
    'xl/worksheets/sheet1.xml': sheet,
  });
  if (!lie) return archive;
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  for (let at = 0; at + 46 <= archive.length; at++) {
    const signature = view.getUint32(at, true);
    // Local header: uncompressed size at +22; central directory header: at +24.
    if (signature === 0x04034b50 && view.getUint32(at + 22, true) === sheet.length) view.setUint32(at + 22, 100, true);
    if (signature === 0x02014b50 && view.getUint32(at + 24, true) === sheet.length) view.setUint32(at + 24, 100, true);
  }
  return archive;
}

// ---------------------------------------------------------------- the folder

/** One case's temp folder and the ways to fill it. */
export class Corpus {
  private constructor(readonly dir: string) {}

  static create(): Corpus {
    return new Corpus(fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-hostile-')));
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  write(name: string, content: string | Uint8Array): this {
    const file = this.path(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return this;
  }

  mkdir(name: string): this {
    fs.mkdirSync(this.path(name), { recursive: true });
    return this;
  }

  symlink(target: string, name: string): this {
    fs.symlinkSync(this.path(target), this.path(name));
    return this;
  }

  /** Every entry of the folder, sorted (to check that no temp file is left beside an output). */
  list(): string[] {
    return fs.readdirSync(this.dir).sort();
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
