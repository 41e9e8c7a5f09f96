import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The rerate package's root folder, found upward from this file (works from src and dist alike). */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'rerate') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the rerate package above ${from}`);
    dir = parent;
  }
}
