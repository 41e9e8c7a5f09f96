import type { ReadOptions } from '../formats/source';
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
