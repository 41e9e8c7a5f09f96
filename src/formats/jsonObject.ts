/** How deep a JSON cell may nest: tag maps nest one or two levels; 100,000 `[` would overflow the stack. */
export const MAX_JSON_DEPTH = 100;

/** What `parseJsonObject` gives for a cell nested deeper than MAX_JSON_DEPTH (checked before parsing). */
export const TOO_DEEP = 'too deep';

/**
 * A JSON object cell: CUR 2.0's `product` and `resource_tags` maps (CSV text, or Parquet maps that
 * the Parquet reader hands over as JSON text) and FOCUS `Tags`. Null for a blank or `NULL` cell;
 * `undefined` when the text is not a JSON object, so the mapper can say so; `TOO_DEEP` when it
 * nests deeper than 100 levels (turning such a value into tag text would overflow the stack).
 */
export function parseJsonObject(text: string | null): Record<string, unknown> | null | undefined | typeof TOO_DEEP {
  if (text === null || text.length === 0 || text === 'NULL') return null;
  if (text.length > MAX_JSON_DEPTH && nestsTooDeep(text)) return TOO_DEEP;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null) return null;
    if (Array.isArray(value)) return objectFromPairs(value);
    return typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A map some writers spell as a list of `{ key, value }` entries (Parquet MAP's physical form). */
function objectFromPairs(entries: unknown[]): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object' || !('key' in entry)) return undefined;
    const { key, value } = entry as { key: unknown; value?: unknown };
    result[String(key)] = value ?? null;
  }
  return result;
}

/** The values of a JSON object as tag texts (nested values as JSON); blank and null values left out. */
export function tagsFromObject(map: Record<string, unknown>, into: Record<string, string> | null): Record<string, string> | null {
  let tags = into;
  for (const [key, value] of Object.entries(map)) {
    if (value === null || value === undefined || value === '') continue;
    (tags ??= {})[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return tags;
}

/** True when brackets outside strings nest deeper than MAX_JSON_DEPTH; one loop, no recursion. */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* backslash */) i += 1;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth -= 1;
    }
  }
  return false;
}
