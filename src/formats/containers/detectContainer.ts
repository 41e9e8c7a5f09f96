/** What a byte stream is, from its first bytes; never from its name. */
export type ContainerKind = 'gzip' | 'zip' | 'parquet' | 'csv';

/**
 * `1f 8b` is gzip; `PK` followed by `03 04` (a local file), `05 06` (an empty archive) or `07 08`
 * (a spanned archive) is zip; `PAR1` is Parquet; anything else is read as CSV text.
 */
export function detectContainer(head: Uint8Array): ContainerKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    const pair = (head[2] << 8) | head[3];
    if (pair === 0x0304 || pair === 0x0506 || pair === 0x0708) return 'zip';
  }
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  return 'csv';
}
