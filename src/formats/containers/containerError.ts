/**
 * Why a container stopped yielding data: the compressed stream ends early (`truncated`), is not
 * valid (`corrupt`), or expands past the decompression limit (`limit`). `readTables` turns each
 * into its issue (TRUNCATED, BAD_CONTAINER, SIZE_LIMIT) and keeps the rows read before.
 */
export class ContainerError extends Error {
  constructor(readonly kind: 'truncated' | 'corrupt' | 'limit', message: string) {
    super(message);
    this.name = 'ContainerError';
  }
}
