import { sha256 } from '@noble/hashes/sha2';
import { MonthAggregator, type ImportGrain } from '../engine/grain/aggregateLines';
import { partlyMissingIssue } from '../engine/grain/monthRowOfGroup';
import type { BillingLine } from '../engine/line';
import { blobSource } from '../formats/blobSource';
import type { ByteSource } from '../formats/source';
import type { CellInput } from '../excel/estimateRowBytes';
import { estimateRowBytes } from '../excel/estimateRowBytes';
import { countedLineToCells, type LinesCellsStats } from '../excel/linesCells';
import type { BlockRows } from '../excel/writeTableChunked';
import { summaryOf, type ImportProgress, type ImportSummary, type ReadBilling } from './importSummary';

/** A picked file once read: what it holds, its identity and the rows each grain writes. */
export interface AnalyzedFile extends ImportSummary {
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
  /** Bytes of the file as picked. */
  bytes: number;
  rowsAtGrain: Record<ImportGrain, number>;
  /**
   * Set when the file is a groups table (`rerate groups`, `rerate sql`; src/engine/groups/README.md):
   * it holds sums per pricing group, no lines, so it imports at the month grain only.
   */
  groupsTable?: GroupsTableSummary;
}

/** What a groups table holds. */
export interface GroupsTableSummary {
  /** Pricing groups read. */
  groups: number;
  /** Billing files the groups came from (their `source`). */
  sources: number;
  /** Source lines the groups stand for (Σ `lines`). */
  lines: number;
}

/** A block of Lines rows; the last block of a run has `done` and the conversion's stats. */
export interface RowsBlock {
  rows: CellInput[][];
  /** `estimateRowBytes` of each row, measured here so the page need not measure them again. */
  rowBytes?: number[];
  done: boolean;
  stats?: LinesCellsStats;
}

/**
 * Rows a block holds at most, in estimated request bytes. The page unpacks a block (structured
 * clone) and takes its rows in one task: with 1 MB blocks, and the chunk they filled sent in the
 * same task, the pane had main-thread tasks of 60–130 ms on a quiet machine; with 250 KB blocks
 * and the writer yielding around each sync, at most 50–80 ms (bench/README.md, import).
 */
export const BLOCK_BYTES = 250_000;

/**
 * Blocks posted and not yet taken by the writer before the reader waits (≈1 MB in flight): enough
 * to keep the worker busy while the page sends a chunk; every queued row is one more object for
 * the page's young-generation GC to copy.
 */
export const BLOCKS_AHEAD = 4;

/** Rows one at a time, or (what the writer takes) the blocks as they came with their byte estimates. */
export type BlockQueueRows = AsyncIterable<CellInput[]> & BlockRows;

/** Streams a file's bytes through sha256 (incremental: a 1 GB file is never held whole). */
export async function hashFile(file: Blob, signal?: AbortSignal): Promise<string> {
  const hash = sha256.create();
  for await (const chunk of blobSource(file, '').chunks()) {
    signal?.throwIfAborted();
    hash.update(chunk);
  }
  let hex = '';
  for (const byte of hash.digest()) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The import's work on picked files, wherever it runs (the import worker, or the page in tests):
 * `analyze` reads each file once — its summary, its sha256, its month rows (kept) and line count;
 * a groups table's pricing groups become month rows too (`MonthAggregator.addGroup`);
 * `rows(grain, …)` then produces the Lines rows in blocks, pulling on demand: at the line grain it
 * reads the files again, and its byte source waits while `pending()` blocks are unclaimed, so a
 * slow workbook never makes the reader pile up rows.
 */
export class ImportCore {
  private files: readonly File[] = [];
  private months: MonthAggregator[] = [];

  constructor(private readonly read: ReadBilling) {}

  async analyze(files: readonly File[], options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void } = {}): Promise<AnalyzedFile[]> {
    this.files = files;
    this.months = [];
    const analyzed: AnalyzedFile[] = [];
    for (const [fileIndex, file] of files.entries()) {
      options.signal?.throwIfAborted();
      const fileCount = files.length;
      const month = new MonthAggregator();
      options.onProgress?.({ file: file.name, fileIndex, fileCount, bytesRead: 0, bytesTotal: file.size });
      const result = await this.read(blobSource(file, file.name), (line) => month.add(line), {
        signal: options.signal,
        onProgress: (p) => options.onProgress?.({ file: file.name, fileIndex, fileCount, bytesRead: p.bytesRead, bytesTotal: p.bytesTotal }),
        onGroup: (group) => month.addGroup(group, file.name),
      });
      const hash = await hashFile(file, options.signal);
      this.months.push(month);
      const summary: AnalyzedFile = { ...summaryOf(result), sha256: hash, bytes: file.size, rowsAtGrain: { line: month.linesAdded, month: month.size } };
      if (month.groupsAdded > 0) {
        // The billing format of the groups' lines (the groups reader's controls); the rows whose basis
        // figure was missing on some lines become warnings: DBR.INVOICE cannot count those lines.
        summary.format ??= result.control.format;
        summary.groupsTable = { groups: month.groupsAdded, sources: month.groupSources.size, lines: month.groupLines };
        summary.issues = [...summary.issues, ...[...month.partlyMissing()].map((row) => partlyMissingIssue(file.name, row))];
      }
      analyzed.push(summary);
    }
    return analyzed;
  }

  /**
   * The Lines rows of the analysed files `include` (indexes, in that order) at `grain`, as blocks of at most
   * BLOCK_BYTES. `emit` is called for each block; `pending()` says how many emitted blocks the
   * writer has not taken yet, and `drained()` resolves when it takes one.
   */
  async rows(
    grain: ImportGrain,
    include: readonly number[],
    emit: (block: RowsBlock) => void,
    flow: { pending: () => number; drained: () => Promise<void>; signal?: AbortSignal },
  ): Promise<void> {
    const stats: LinesCellsStats = { shadowCells: 0, cutCells: 0 };
    let block: CellInput[][] = [];
    let rowBytes: number[] = [];
    let bytes = 0;
    const wait = async () => {
      while (flow.pending() >= BLOCKS_AHEAD) await flow.drained();
      flow.signal?.throwIfAborted();
    };
    const push = (line: BillingLine, count: number) => {
      const cells = countedLineToCells({ line, count }, stats);
      const size = estimateRowBytes(cells);
      block.push(cells);
      rowBytes.push(size);
      bytes += size;
      if (bytes >= BLOCK_BYTES) {
        emit({ rows: block, rowBytes, done: false });
        block = [];
        rowBytes = [];
        bytes = 0;
      }
    };
    if (grain === 'month') {
      for (const month of include.map((i) => this.months[i])) {
        for (const { line, count } of month.rows()) {
          push(line, count);
          if (bytes === 0) await wait();
        }
      }
    } else {
      for (const file of include.map((i) => this.files[i])) {
        const source = gated(blobSource(file, file.name), wait);
        await this.read(source, (line) => push(line, 1), { signal: flow.signal });
      }
    }
    emit({ rows: block, rowBytes, done: true, stats });
  }
}

/** A byte source that awaits `gate` before handing on each chunk (back-pressure from the writer). */
function gated(source: ByteSource, gate: () => Promise<void>): ByteSource {
  return {
    name: source.name,
    size: source.size,
    async *chunks() {
      for await (const chunk of source.chunks()) {
        await gate();
        yield chunk;
      }
    },
    slice: source.slice?.bind(source),
  };
}

/**
 * Hands blocks from `ImportCore.rows` to a consumer, with the flow control it needs: the writer
 * takes them a block at a time (`rows().blocks()`), anything else a row at a time.
 */
export class BlockQueue {
  private queued: RowsBlock[] = [];
  private waiting: (() => void) | null = null;
  private drainedWaiters: (() => void)[] = [];
  private failure: unknown = null;
  stats: LinesCellsStats | null = null;

  /** `onTake` is told each time the consumer takes a block (the worker session tells the worker). */
  constructor(private readonly onTake: () => void = () => undefined) {}

  push = (block: RowsBlock): void => {
    this.queued.push(block);
    this.waiting?.();
    this.waiting = null;
  };

  fail(error: unknown): void {
    this.failure = error;
    this.waiting?.();
    this.waiting = null;
  }

  pending = (): number => this.queued.length;

  drained = (): Promise<void> => new Promise((resolve) => { this.drainedWaiters.push(resolve); });

  /** The rows; iterate them, or take `blocks()`: one or the other, once. */
  rows(): BlockQueueRows {
    const blocks = () => this.take();
    return {
      async *[Symbol.asyncIterator]() {
        for await (const block of blocks()) yield* block.rows;
      },
      blocks,
    };
  }

  private async *take(): AsyncGenerator<RowsBlock> {
    for (;;) {
      while (this.queued.length === 0) {
        if (this.failure !== null) throw this.failure;
        await new Promise<void>((resolve) => { this.waiting = resolve; });
      }
      if (this.failure !== null) throw this.failure;
      const block = this.queued.shift()!;
      for (const resolve of this.drainedWaiters.splice(0)) resolve();
      this.onTake();
      yield block;
      if (block.done) {
        this.stats = block.stats ?? null;
        return;
      }
    }
  }
}
