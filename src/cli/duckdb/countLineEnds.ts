import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * How many line ends a CSV file holds, as the CSV scanner counts them (each LF, each CR not followed
 * by LF), gzip inflated on the way; a last line without an end counts as one. DuckDB numbers rows,
 * not lines: when the rows read plus the header equal this count, no record spans two lines and a
 * row's line is its number + 1.
 */
export async function countLines(path: string, gzip: boolean): Promise<number> {
  const stream = gzip ? createReadStream(path, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 20 })) : createReadStream(path, { highWaterMark: 1 << 20 });
  let count = 0;
  let crAtEnd = false;
  let last = -1;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (chunk.length === 0) continue;
    if (crAtEnd && chunk[0] !== 10) count += 1;
    crAtEnd = false;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count += 1;
    for (let i = chunk.indexOf(13); i !== -1; i = chunk.indexOf(13, i + 1)) {
      if (i + 1 === chunk.length) crAtEnd = true;
      else if (chunk[i + 1] !== 10) count += 1;
    }
    last = chunk[chunk.length - 1];
  }
  if (crAtEnd) count += 1;
  // A last line without a line end is a line too.
  if (last !== -1 && last !== 10 && last !== 13) count += 1;
  return count;
}
