/**
 * Why a container stopped yielding data: the compressed stream ends early (`truncated`), is not
 * valid (`corrupt`), or expands past the decompression limit (`limit`). `readTables` turns each
 * into its issue (TRUNCATED, BAD_CONTAINER, SIZE_LIMIT) and keeps the rows read before.
 */
export class ContainerError extends Error {
  /**
   * `entry`: the zip entry the error is about when it was found after that entry's rows were
   * handed on (its CRC-32 or size did not match), so no table is being read when it is thrown.
   */
  constructor(readonly kind: 'truncated' | 'corrupt' | 'limit', message: string, readonly entry?: string) {
    super(message);
    this.name = 'ContainerError';
  }
}
