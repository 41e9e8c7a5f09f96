import { setFlagsFromString } from 'node:v8';
import type { BillingLine } from '../engine/line';
import { detectContainer } from '../formats/containers/detectContainer';
import { readBilling, type BillingRead } from '../formats/readBilling';
import type { ByteSource, ReadOptions } from '../formats/source';
import { nodeGunzip } from './nodeGunzip';
import { nodeInflateRaw } from './nodeInflateRaw';

/** Node's latin1 decoder for `ReadOptions.decodeLatin1` (a native copy, one character per byte). */
export function nodeLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** What the CLI gives every billing read: Node's gzip and zip-entry inflaters and latin1 decoder. */
export const NODE_READ_OPTIONS: Pick<ReadOptions, 'inflateGzip' | 'inflateRaw' | 'decodeLatin1'> = {
  inflateGzip: nodeGunzip,
  inflateRaw: nodeInflateRaw,
  decodeLatin1: nodeLatin1,
};

/**
 * V8's old generation grows by this percentage per collection while a Parquet file is read (V8's
 * own factor, up to 4×, applies otherwise). hyparquet decodes a row group's column chunks into
 * short-lived arrays — 124,000 rows × 100 columns for AWS's and DuckDB's writers — that V8 let pile
 * up to 830 MB peak on the bench's 1M-row month (493 MB with the unwanted columns read one at a
 * time); held at 25 % it stays near 220 MB for about 10–20 % more CPU (bench/README.md, "Parquet").
 * A plain CSV makes little garbage and is read with V8's defaults.
 */
const PARQUET_HEAP_GROWING_PERCENT = 25;

/**
 * `readBilling` with Node's options (NODE_READ_OPTIONS): a Parquet source (known by its magic, as the
 * readers know it) is read with V8's heap growth held to PARQUET_HEAP_GROWING_PERCENT, restored after.
 */
export async function readBillingInNode(source: ByteSource, onLine: ((line: BillingLine) => void) | null, options: ReadOptions = {}): Promise<BillingRead> {
  const parquet = source.slice !== undefined && source.size !== null && source.size >= 4
    && detectContainer(new Uint8Array(await source.slice(0, 4))) === 'parquet';
  if (parquet) setFlagsFromString(`--heap-growing-percent=${PARQUET_HEAP_GROWING_PERCENT}`);
  try {
    return await readBilling(source, onLine, { ...NODE_READ_OPTIONS, ...options });
  } finally {
    // 0 is V8's default: its own growing factor.
    if (parquet) setFlagsFromString('--heap-growing-percent=0');
  }
}
