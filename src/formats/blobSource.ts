import type { ByteSource } from './source';

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
          if (value.byteLength > 0) yield value;
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
