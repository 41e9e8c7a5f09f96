import { zipSync } from 'fflate';
import { centralDirectory, readEntry, type CentralEntry } from './workbookInflateGuard';

/**
 * What exceljs may be handed from a `--workbook`: 16 MiB of inflated parts — the model sheets, their
 * Excel tables, the shared strings they use, the workbook's own parts. exceljs holds each part as
 * one string and builds an object per cell: a kept PriceBook sheet of 14 MiB (25 000 rows of 15
 * columns) read in 6–7 s at ≈ 480 MB peak RSS, one of 32 MiB in 10–17 s at 540–710 MB on a busy
 * two-core machine (src/cli/README.md, `--workbook`), so 16 MiB keeps the worst case well under
 * 20 s and 1 GB. Past it: SIZE_LIMIT, export the tables as CSV and pass them with --pricebook,
 * --customers, --fx, --support-plans.
 */
export const WORKBOOK_MAX_KEPT = 16 * 1024 ** 2;

/** What a pruned worksheet becomes: a sheet without cells. */
export const EMPTY_WORKSHEET = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';

export type PruneResult =
  | { ok: true; zip: Uint8Array; kept: number; keptSheets: string[] }
  /** The workbook's parts could not be made sense of: exceljs gets it whole (and says what is wrong). */
  | { ok: false; why: 'not-understood' }
  /** The kept parts inflate past `maxKeptBytes`. */
  | { ok: false; why: 'kept' };

/**
 * The workbook as exceljs needs it to read the model tables: a zip holding only
 * - the workbook's own parts (xl/workbook.xml and its rels, _rels/.rels, xl/styles.xml, docProps),
 * - every worksheet named in `sheets` (case-insensitive, as readWorkbookTables matches sheet names) or
 *   holding an Excel table whose `name` or `displayName` is in `tables` (case-insensitive), with its
 *   rels and the tables, comments and drawings those point to,
 * - every other worksheet as EMPTY_WORKSHEET, without its rels or anything they point to,
 * - xl/sharedStrings.xml cut down to the strings the kept sheets use, their `t="s"` cells renumbered
 *   (kept whole when it or a kept sheet is not in the plain form Excel and exceljs write),
 * and no media, themes, pivot caches, calc chain or other parts exceljs would inflate and ignore.
 * Parts are found as exceljs finds them (xlsx.js `load`): by name pattern, sheets through the
 * workbook rels, tables by the rels target. Stored (level 0): it is unzipped at once.
 * Assumes checkInflatedSize passed (every part inflates within WORKBOOK_MAX_INFLATED).
 */
export function pruneWorkbook(
  bytes: Uint8Array,
  want: { sheets: readonly string[]; tables: readonly string[] },
  maxKeptBytes: number = WORKBOOK_MAX_KEPT,
): PruneResult {
  const directory = centralDirectory(bytes);
  if (directory === null) return { ok: false, why: 'not-understood' };
  // As JSZip: a later entry of the same name wins; exceljs drops a leading '/'.
  const entries = new Map<string, CentralEntry>();
  for (const entry of directory) {
    if (!entry.name.endsWith('/')) entries.set(entry.name.replace(/^\//, ''), entry);
  }
  const text = (name: string, max = Infinity): string | null => {
    const entry = entries.get(name);
    const data = entry ? readEntry(bytes, entry, max) : null;
    return data === null ? null : new TextDecoder().decode(data);
  };

  const workbookXml = text('xl/workbook.xml');
  const workbookRels = text('xl/_rels/workbook.xml.rels');
  if (workbookXml === null || workbookRels === null) return { ok: false, why: 'not-understood' };
  const relTargets = relationships(workbookRels);
  const wantedSheets = new Set(want.sheets.map((s) => s.toLowerCase()));
  const wantedTables = new Set(want.tables.map((t) => t.toLowerCase()));

  // Each sheet of the workbook: its part (as exceljs resolves it), its rels, whether it is kept.
  const keptParts = new Set<string>();
  const keptSheets: string[] = [];
  const keptTargets = new Set<string>();
  for (const sheet of startTags(workbookXml, 'sheet')) {
    const name = unescapeXml(sheet.name ?? '');
    const target = relTargets.get(sheet['r:id'] ?? '');
    if (target === undefined) continue;
    const part = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    const number = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(part)?.[1];
    const rels = number === undefined ? null : sheetRels(number);
    const targets = rels === null ? [] : [...relationships(rels).values()];
    const holdsTable = targets.some((t) => {
      const table = tableNames(t);
      return table.some((n) => wantedTables.has(n.toLowerCase()));
    });
    if (!wantedSheets.has(name.toLowerCase()) && !holdsTable) continue;
    keptSheets.push(name);
    keptParts.add(part);
    for (const t of targets) keptTargets.add(t);
  }
  const keptNumbers = new Set([...keptParts].map((p) => /xl\/worksheets\/sheet(\d+)[.]xml/.exec(p)?.[1]));
  const keptDrawings = new Set([...keptTargets].map((t) => /\/drawings\/([a-zA-Z0-9]+)[.][a-zA-Z]{3,4}$/.exec(t)?.[1]).filter(Boolean));

  function sheetRels(number: string): string | null {
    for (const name of entries.keys()) {
      const match = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.exec(name);
      if (match && match[1] === number) return text(name);
    }
    return null;
  }
  /** The `name` and `displayName` of the table part a sheet rel points to (exceljs keys tables by the rel target). */
  function tableNames(target: string): string[] {
    for (const name of entries.keys()) {
      const match = /xl\/tables\/(table\d+)[.]xml/.exec(name);
      if (match && `../tables/${match[1]}.xml` === target) {
        // The root element opens the part: its first 64 KiB are enough.
        const head = text(name, 64 * 1024) ?? '';
        const root = startTags(head, 'table')[0] ?? {};
        return [root.name, root.displayName].filter((n): n is string => n !== undefined).map(unescapeXml);
      }
    }
    return [];
  }

  // What exceljs gets, part by part; kept sheets as text, to renumber their shared strings.
  const out: Record<string, Uint8Array> = {};
  const sheetTexts = new Map<string, string>();
  const encoder = new TextEncoder();
  let kept = 0;
  let sharedStrings: string | null = null;
  for (const name of entries.keys()) {
    const what = classify(name);
    if (what.kind === 'sharedStrings') {
      sharedStrings = name;
      continue;
    }
    if (what.kind === 'worksheet' && !keptParts.has(name)) {
      out[name] = encoder.encode(EMPTY_WORKSHEET);
      kept += out[name].byteLength;
      continue;
    }
    const wanted = what.kind === 'workbook' || what.kind === 'worksheet'
      || (what.kind === 'sheetRels' && keptNumbers.has(what.key))
      || ((what.kind === 'drawing' || what.kind === 'drawingRels') && keptDrawings.has(what.key))
      || ((what.kind === 'table' || what.kind === 'comments' || what.kind === 'vml') && keptTargets.has(what.key));
    if (!wanted) continue;
    // Inflated no further than the budget left, so a big kept sheet costs no more than the budget.
    const data = readEntry(bytes, entries.get(name)!, Math.max(0, maxKeptBytes - kept));
    if (data === null) return { ok: false, why: 'not-understood' };
    kept += data.byteLength;
    if (kept > maxKeptBytes) return { ok: false, why: 'kept' };
    if (what.kind === 'worksheet') sheetTexts.set(name, new TextDecoder().decode(data));
    else out[name] = data;
  }

  // The shared strings the kept sheets use, renumbered; else the part whole.
  if (sharedStrings !== null) {
    const data = readEntry(bytes, entries.get(sharedStrings)!);
    if (data === null) return { ok: false, why: 'not-understood' };
    const cut = cutSharedStrings(data, sheetTexts);
    out[sharedStrings] = cut?.sst ?? data;
    if (cut !== null) for (const [name, sheet] of cut.sheets) sheetTexts.set(name, sheet);
  }
  for (const [name, sheet] of sheetTexts) out[name] = encoder.encode(sheet);
  kept = Object.values(out).reduce((n, part) => n + part.byteLength, 0);
  if (kept > maxKeptBytes) return { ok: false, why: 'kept' };
  return { ok: true, zip: zipSync(out, { level: 0 }), kept, keptSheets };
}

type PartKind =
  | { kind: 'workbook' | 'sharedStrings' | 'worksheet' | 'other' }
  | { kind: 'sheetRels' | 'table' | 'comments' | 'vml' | 'drawing' | 'drawingRels'; key: string };

/** What exceljs (xlsx.js `load`) makes of a part, by its name; `key` is how it is referred to. */
function classify(name: string): PartKind {
  if (['_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'docProps/app.xml', 'docProps/core.xml'].includes(name)) {
    return { kind: 'workbook' };
  }
  if (name === 'xl/sharedStrings.xml') return { kind: 'sharedStrings' };
  if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(name)) return { kind: 'worksheet' };
  let match = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.exec(name);
  if (match) return { kind: 'sheetRels', key: match[1] };
  // Themes and media (a picture on a kept sheet reads without it) are not needed to read cells.
  if (/xl\/theme\/([a-zA-Z0-9]+)[.]xml/.test(name) || /xl\/media\/([a-zA-Z0-9]+[.][a-zA-Z0-9]{3,4})$/.test(name)) return { kind: 'other' };
  match = /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/.exec(name);
  if (match) return { kind: 'drawing', key: match[1] };
  match = /xl\/(comments\d+)[.]xml/.exec(name);
  if (match) return { kind: 'comments', key: `../${match[1]}.xml` };
  match = /xl\/tables\/(table\d+)[.]xml/.exec(name);
  if (match) return { kind: 'table', key: `../tables/${match[1]}.xml` };
  match = /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/.exec(name);
  if (match) return { kind: 'drawingRels', key: match[1] };
  match = /xl\/drawings\/(vmlDrawing\d+)[.]vml/.exec(name);
  if (match) return { kind: 'vml', key: `../drawings/${match[1]}.vml` };
  return { kind: 'other' };
}

/** Id → Target of a .rels part. */
function relationships(xml: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const rel of startTags(xml, 'Relationship')) {
    if (rel.Id !== undefined && rel.Target !== undefined) map.set(unescapeXml(rel.Id), unescapeXml(rel.Target));
  }
  return map;
}

/** The attributes of every start tag `<tag …>` (no prefix), raw (still escaped). */
function startTags(xml: string, tag: string): Record<string, string>[] {
  const tags: Record<string, string>[] = [];
  const pattern = new RegExp(`<${tag}(?=[\\s/>])([^>]*)>`, 'g');
  for (let match = pattern.exec(xml); match !== null; match = pattern.exec(xml)) {
    const attributes: Record<string, string> = {};
    for (const a of match[1].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]] = a[2] ?? a[3];
    tags.push(attributes);
  }
  return tags;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (e.toLowerCase() in named) return named[e.toLowerCase()];
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * The shared strings the kept sheets use, renumbered in order of first use, and those sheets with
 * their `t="s"` cells renumbered; null (keep everything as it was) unless the part is plain — an
 * `<sst>` holding only `<si>` elements, no CDATA, comments or nested `<si>` — and every index used
 * exists. Found on bytes: `<` and `>` never occur inside a UTF-8 multi-byte character.
 */
function cutSharedStrings(sst: Uint8Array, sheets: Map<string, string>): { sst: Uint8Array; sheets: Map<string, string> } | null {
  const ascii = Buffer.from(sst.buffer, sst.byteOffset, sst.byteLength).toString('latin1');
  const open = /^(?:\xEF\xBB\xBF)?\s*(?:<\?xml[^?]*\?>)?\s*(<sst(?=[\s>])[^>]*>)/.exec(ascii);
  if (open === null || /<!|<\?/.test(ascii.slice(open[0].length))) return null;
  const items: [number, number][] = [];
  let at = open[0].length;
  for (;;) {
    const next = /\s*(<si>|<\/sst>)/y;
    next.lastIndex = at;
    const match = next.exec(ascii);
    if (match === null) return null;
    if (match[1] === '</sst>') {
      if (ascii.slice(next.lastIndex).trim() !== '') return null;
      break;
    }
    const end = ascii.indexOf('</si>', next.lastIndex);
    if (end < 0 || /<si[\s/>]/.test(ascii.slice(next.lastIndex, end))) return null;
    items.push([next.lastIndex - 4, end + 5]);
    at = end + 5;
  }
  // The kept sheets' t="s" cells, renumbered.
  const order = new Map<number, number>();
  const out = new Map<string, string>();
  let bad = false;
  for (const [name, xml] of sheets) {
    out.set(name, xml.replace(/<c(?=[\s/>])([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g, (cell: string, attributes: string) => {
      if (!/(?:^|\s)t\s*=\s*(["'])s\1/.test(attributes) || cell.endsWith('/>')) return cell;
      return cell.replace(/(<v(?:\s[^>]*)?>)([^<]*)(<\/v>)/, (_, start: string, index: string, end: string) => {
        const old = Number(index.trim());
        if (!/^\s*\d+\s*$/.test(index) || old >= items.length) {
          bad = true;
          return _;
        }
        if (!order.has(old)) order.set(old, order.size);
        return `${start}${order.get(old)}${end}`;
      });
    }));
  }
  if (bad) return null;
  const head = new TextEncoder().encode(open[1]);
  const tail = new TextEncoder().encode('</sst>');
  let length = head.byteLength + tail.byteLength;
  for (const old of order.keys()) length += items[old][1] - items[old][0];
  const cut = new Uint8Array(length);
  cut.set(head, 0);
  let w = head.byteLength;
  for (const old of order.keys()) {
    cut.set(sst.subarray(items[old][0], items[old][1]), w);
    w += items[old][1] - items[old][0];
  }
  cut.set(tail, w);
  return { sst: cut, sheets: out };
}
