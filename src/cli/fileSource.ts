import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { RerateError } from '../engine/issues';
import type { ByteSource } from '../formats/source';

/** 1 MiB reads: big enough that per-chunk overhead vanishes, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;

/**
 * A file on disk as a `ByteSource`: streamed in 1 MiB chunks, with positional reads for `slice`
 * (Parquet reads its footer first). The path as given is the name issues show.
 * Throws `RerateError('UNREADABLE_FILE')` when the path is missing, a directory or unreadable.
 */
export function fileSource(path: string): ByteSource {
  const size = fileSize(path);
  return {
    ...fileRange(path, path, 0, size, null),
    async slice(start: number, end: number) {
      const length = Math.max(0, Math.min(end, size) - start);
      const out = new ArrayBuffer(length);
      if (length === 0) return out;
      const handle = await open(path, 'r');
      try {
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(new Uint8Array(out, done), 0, length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === length ? out : out.slice(0, done);
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * Bytes `start` to `end` of a file as a streamed `ByteSource` named `name`, after `prefix` when
 * given: one thread's share of a split read is the file's header line, then its own lines.
 */
export function fileRange(path: string, name: string, start: number, end: number, prefix: Uint8Array | null): ByteSource {
  return {
    name,
    size: end - start + (prefix?.byteLength ?? 0),
    async *chunks() {
      if (prefix !== null && prefix.byteLength > 0) yield prefix;
      if (end <= start) return;
      const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, start, end: end - 1 });
      try {
        for await (const chunk of stream) {
          const buffer = chunk as Buffer;
          yield new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        }
      } finally {
        // A consumer that stops early (abort, size limit) must not leave the file open.
        stream.destroy();
      }
    },
  };
}

/** The size of a regular file; `RerateError('UNREADABLE_FILE')` when missing, a directory or unreadable. */
export function fileSize(path: string): number {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new RerateError('UNREADABLE_FILE', `${path} is not a file.`);
    size = stats.size;
  } catch (error) {
    if (error instanceof RerateError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
    throw new RerateError('UNREADABLE_FILE', `${path} ${why}.`);
  }
  return size;
}
