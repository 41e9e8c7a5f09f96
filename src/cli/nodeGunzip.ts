import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Node's own zlib as the readers' gzip inflater (`ReadOptions.inflateGzip`): measured ~30% faster
 * than DecompressionStream on the bench's 123 MB gzip. Truncated input fails with zlib's
 * `Z_BUF_ERROR` ("unexpected end of file"), which the readers report as TRUNCATED.
 */
export async function* nodeGunzip(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const source = Readable.from(input, { objectMode: false });
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  // pipe() does not pass the source's errors on (an abort, a read error): hand them over.
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } finally {
    source.destroy();
  }
}
