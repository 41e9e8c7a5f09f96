import { IssueLog } from './issues';

describe('IssueLog', () => {
  const bad = (line: number) => ({ code: 'BAD_NUMBER' as const, severity: 'error' as const, message: `"x" at line ${line} is not a number.`, source: { file: 'f.csv', line } });

  test('entries() lists each folded issue with its key; absorb() folds another log in by key, keeping the first place', () => {
    const first = new IssueLog();
    first.add(bad(3), 'BAD_NUMBER\u0000f.csv\u0000cost');
    first.add(bad(9), 'BAD_NUMBER\u0000f.csv\u0000cost');
    const later = new IssueLog();
    later.add(bad(500), 'BAD_NUMBER\u0000f.csv\u0000cost');
    later.add({ code: 'BAD_ROW', severity: 'error', message: 'Line 700 has 3 fields.', source: { file: 'f.csv', line: 700 } });
    expect(later.entries().map(([key]) => key)).toEqual(['BAD_NUMBER\u0000f.csv\u0000cost', 'BAD_ROW\u0000Line 700 has 3 fields.']);
    first.absorb(later.entries());
    expect(first.issues).toEqual([
      { ...bad(3), count: 3 },
      { code: 'BAD_ROW', severity: 'error', message: 'Line 700 has 3 fields.', source: { file: 'f.csv', line: 700 }, count: 1 },
    ]);
    // entries() hands out copies: absorbing them elsewhere leaves this log as it was.
    new IssueLog().absorb(first.entries());
    expect(first.issues[0].count).toBe(3);
  });
});
