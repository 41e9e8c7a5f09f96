/**
 * Parquet values as the text a CSV would hold, so the format mappers see one kind of input:
 * - strings as they are; `null`/`undefined` as '';
 * - numbers by `String(n)`, the shortest text that reads back as the same double (`0.1`, `1e-7`):
 *   the file already stores a binary double, so this adds no error, and it never pads digits
 *   the writer did not have;
 * - bigints (INT64) by `toString()`; booleans as `true`/`false`;
 * - dates and timestamps as ISO `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC);
 * - raw byte arrays as UTF-8 text;
 * - maps, structs and lists (CUR 2.0's `product` and `resource_tags`) as JSON text, a map as
 *   one object of key → value.
 * DECIMAL columns never reach here as numbers: `decimalText` renders their unscaled integer
 * exactly (see readParquet).
 */
export function parquetText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'undefined':
      return '';
    case 'object':
      if (value === null) return '';
      if (value instanceof Date) return isoText(value);
      if (value instanceof Uint8Array) return utf8.decode(value);
      return JSON.stringify(jsonValue(value));
    default:
      return String(value);
  }
}

const utf8 = new TextDecoder();

function isoText(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** A JSON-safe copy: bigints become numbers when exact, else strings; bytes become text. */
function jsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return isoText(value) || null;
  if (value instanceof Uint8Array) return utf8.decode(value);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = jsonValue(v);
    return out;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, jsonValue);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = jsonValue(v);
  return out;
}

/**
 * The exact decimal text of a DECIMAL(precision, scale) value from its unscaled integer, as
 * hyparquet gives it raw: a number (INT32), a bigint (INT64) or big-endian two's-complement
 * bytes (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY). `12345` at scale 2 is `123.45`.
 */
export function decimalText(raw: unknown, scale: number): string {
  let unscaled: bigint;
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'bigint') unscaled = raw;
  else if (typeof raw === 'number') unscaled = BigInt(raw);
  else if (raw instanceof Uint8Array) unscaled = bigintFromBytes(raw);
  else return parquetText(raw);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale <= 0) return `${negative ? '-' : ''}${digits}${'0'.repeat(-scale)}`;
  const padded = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

function bigintFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  if (bytes[0] & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}
