import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const PUBLIC = path.resolve(__dirname, '../samples/public');

/** The README's sha256 lines: `<hex>  <file>`. */
function listedHashes(): Map<string, string> {
  const readme = readFileSync(path.join(PUBLIC, 'README.md'), 'utf8');
  const listed = new Map<string, string>();
  for (const match of readme.matchAll(/^\s+([0-9a-f]{64})\s+(\S+)$/gm)) listed.set(match[2], match[1]);
  return listed;
}

describe('the bundled public samples', () => {
  it('are the upstream files, byte for byte, each with its licence', () => {
    const listed = listedHashes();
    const csvs = readdirSync(PUBLIC).filter((f) => f.endsWith('.csv')).sort();
    expect(csvs).toEqual(['cur1-sample-2023-11.csv', 'focus-1.0-sample.csv']);
    expect([...listed.keys()].sort()).toEqual(csvs);
    for (const file of csvs) {
      const hash = createHash('sha256').update(readFileSync(path.join(PUBLIC, file))).digest('hex');
      expect(`${file} ${hash}`).toBe(`${file} ${listed.get(file)}`);
    }
    expect(readdirSync(PUBLIC)).toEqual(expect.arrayContaining(['cur1-sample-2023-11.LICENSE', 'focus-1.0-sample.LICENSE.md']));
  });
});
