/**
 * A JSON object cell: CUR 2.0's `product` and `resource_tags` maps (CSV text, or Parquet maps that
 * the Parquet reader hands over as JSON text) and FOCUS `Tags`. Null for a blank or `NULL` cell;
 * `undefined` when the text is not a JSON object, so the mapper can say so.
 */
export function parseJsonObject(text: string | null): Record<string, unknown> | null | undefined {
  if (text === null || text.length === 0 || text === 'NULL') return null;
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
