import { sessionOn, type DuckdbConnectionLike } from './duckdbSession';
import { createProgressBar } from '../progress';
import { captureIo } from '../../../test/helpers/captureIo';

/** A connection whose one query finishes when the test says, with the progress the test sets. */
function fakeConnection(): { connection: DuckdbConnectionLike; finish: () => void; setPercentage: (p: number) => void; closed: string[] } {
  let resolve: (() => void) | null = null;
  let percentage = -1;
  const closed: string[] = [];
  const connection: DuckdbConnectionLike = {
    runAndReadAll: () => new Promise((done) => {
      resolve = () => done({ getRows: () => [[1n, null]], columnNames: () => ['n', 'x'] });
    }),
    get progress() {
      return { percentage };
    },
    closeSync: () => closed.push('connection'),
  };
  return { connection, finish: () => resolve?.(), setPercentage: (p) => { percentage = p; }, closed };
}

describe('DuckDB session progress', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('rows(sql, onProgress) reports DuckDB\'s share done while the query runs — 0 while it has no estimate (-1) — and stops when it ends', async () => {
    const fake = fakeConnection();
    const session = sessionOn(fake.connection, () => fake.closed.push('instance'));
    const seen: number[] = [];
    const pending = session.rows('SELECT …', (fraction) => seen.push(fraction));
    jest.advanceTimersByTime(400);
    fake.setPercentage(25);
    jest.advanceTimersByTime(200);
    fake.setPercentage(80.5);
    jest.advanceTimersByTime(200);
    fake.finish();
    expect(await pending).toEqual({ columns: ['n', 'x'], rows: [['1', null]] });
    fake.setPercentage(100);
    jest.advanceTimersByTime(1000);
    expect(seen).toEqual([0, 0, 0.25, 0.805]);
    session.close();
    expect(fake.closed).toEqual(['connection', 'instance']);
  });

  test('a share bar on a terminal shows the seconds running while there is no estimate, then the percentage without megabytes, and is cleared when finished', () => {
    jest.setSystemTime(1_000_000);
    const io = captureIo('/');
    io.stderrIsTty = true;
    const bar = createProgressBar(io, 'cur.parquet (DuckDB)', 'share');
    jest.setSystemTime(1_002_400);
    bar.update(0, 1);
    jest.setSystemTime(1_002_600);
    bar.update(0.5, 1);
    bar.finish();
    expect(io.err).toBe(`\rcur.parquet (DuckDB) running… 2 s\x1b[K\rcur.parquet (DuckDB) [${'#'.repeat(15)}${'-'.repeat(15)}] 50%\r\x1b[K`);
  });
});
