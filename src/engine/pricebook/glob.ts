/**
 * Price-book match patterns: exact text or globs (`*` any run, `?` one character), compared
 * case-insensitively; blank and `*` match everything, including an absent (null) value.
 */
export interface Glob {
  /** The pattern as written (trimmed). */
  text: string;
  /** null: matches everything. */
  regex: RegExp | null;
}

export function isWildcard(text: string): boolean {
  const t = text.trim();
  return t === '' || t === '*';
}

export function compileGlob(text: string): Glob {
  const t = text.trim();
  if (isWildcard(t)) return { text: t, regex: null };
  const body = t.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return { text: t, regex: new RegExp(`^${body}$`, 'is') };
}

/** A null value is matched as empty text: only a wildcard (or a pattern like `*`) matches it. */
export function globMatches(glob: Glob, value: string | null): boolean {
  return glob.regex === null || glob.regex.test(value ?? '');
}

/**
 * Whether some text matches both patterns — used to find overlapping (ambiguous) rules. Walks the
 * product of the two patterns' automata: state (i, j) = positions in a and b.
 */
export function globsOverlap(a: string, b: string): boolean {
  if (isWildcard(a) || isWildcard(b)) return true;
  const p = a.trim().toLowerCase();
  const q = b.trim().toLowerCase();
  const seen = new Set<number>();
  const width = q.length + 1;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    const id = i * width + j;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === p.length && j === q.length) return true;
    // A star may match nothing.
    if (i < p.length && p[i] === '*') stack.push([i + 1, j]);
    if (j < q.length && q[j] === '*') stack.push([i, j + 1]);
    // Both consume one common character.
    if (i < p.length && j < q.length) {
      const x = p[i];
      const y = q[j];
      const literalX = x !== '*' && x !== '?';
      const literalY = y !== '*' && y !== '?';
      if (!literalX || !literalY || x === y) {
        stack.push([x === '*' ? i : i + 1, y === '*' ? j : j + 1]);
      }
    }
  }
  return false;
}
