import type { ByteSource } from './source';

/** The largest chunk a blob source hands on: 64 KiB views of the stream's chunks (no copy). */
export const BLOB_CHUNK_BYTES = 1 << 16;

/**
 * A browser `File` (or any `Blob`) as a `ByteSource`: streamed through `blob.stream()`, with
 * `slice` for the random access Parquet needs. Nothing is read until `chunks()` or `slice()`.
 */
export function blobSource(blob: Blob, name: string): ByteSource {
  return {
    name,
    size: blob.size,
    async *chunks() {
      const reader = blob.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          // Chromium's TextDecoder decodes 64 KiB views about twice as fast as the stream's
          // 1–2 MB chunks (measured in the import worker: 0.33 s against 0.72 s per 73 MB).
          for (let offset = 0; offset < value.byteLength; offset += BLOB_CHUNK_BYTES) {
            yield value.subarray(offset, Math.min(offset + BLOB_CHUNK_BYTES, value.byteLength));
          }
        }
      } finally {
        // Stopping early (abort, size limit) releases the stream instead of reading on.
        await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      }
    },
    async slice(start: number, end: number) {
      return blob.slice(start, end).arrayBuffer();
    },
  };
}
