import { escapeUntrusted, formatIssueLine, issueFromError, issueToJson, IssueLog, RerateError, type Issue } from './issues';

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

describe('escapeUntrusted', () => {
  test('escapeUntrusted(text) shows C0, DEL, C1, U+2028/2029 and bidi controls escaped and keeps everything else', () => {
    expect(escapeUntrusted('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeUntrusted('x\r\ny\tz')).toBe('x\\r\\ny\\tz');
    expect(escapeUntrusted('\u0000\u0007\u007f\u0080\u009b')).toBe('\\x00\\x07\\x7f\\x80\\x9b');
    expect(escapeUntrusted('\u2028\u2029\u202a\u202e\u2066\u2069')).toBe('\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069');
    expect(escapeUntrusted('C:\\dir\\x1b, Zürich, 東京, 💶, \u200b')).toBe('C:\\dir\\x1b, Zürich, 東京, 💶, \u200b');
    expect(escapeUntrusted('\u00a0\u202f\u2065\u206a')).toBe('\u00a0\u202f\u2065\u206a');
  });
});

describe('formatIssueLine', () => {
  const issue = (message: string, count?: number): Issue => ({
    code: 'SUPPORT_WITHOUT_PLAN', severity: 'warning', message, source: { file: 'cur.csv', line: 17 }, ...(count === undefined ? {} : { count }),
  });

  test('formatIssueLine(issue counted 3 times) is "file:line: CODE message (3 times)"', () => {
    expect(formatIssueLine(issue('Line 9 has 5 fields.', 3))).toBe('cur.csv:17: SUPPORT_WITHOUT_PLAN Line 9 has 5 fields. (3 times)');
    expect(formatIssueLine(issue('Line 9 has 5 fields.', 1234))).toBe('cur.csv:17: SUPPORT_WITHOUT_PLAN Line 9 has 5 fields. (1234 times)');
  });

  test('formatIssueLine(issue whose message states its count) does not repeat it', () => {
    expect(formatIssueLine(issue('Account 000987654321 has 5679 AWS Support lines but no support plan.', 5679)))
      .toBe('cur.csv:17: SUPPORT_WITHOUT_PLAN Account 000987654321 has 5679 AWS Support lines but no support plan.');
  });

  test('formatIssueLine(issue with control characters in file and message) stays one line with them escaped', () => {
    const line = formatIssueLine({
      code: 'NO_RULE', severity: 'warning', message: 'No rule prices \x1b[2JEC2\r\na.csv:1: INTERNAL forged \u202egnp.', source: { file: 'b\nc.csv', line: 4 }, count: 3,
    });
    expect(line).toBe('b\\nc.csv:4: NO_RULE No rule prices \\x1b[2JEC2\\r\\na.csv:1: INTERNAL forged \\u202egnp. (3 times)');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('issueToJson', () => {
  test('issueToJson(issue) keeps code, severity, message, source and count, and copies the source', () => {
    const source = { file: 'a.csv', line: 3, column: 'cost' };
    const json = issueToJson({ code: 'BAD_NUMBER', severity: 'error', message: 'm\x1b', source, count: 2 });
    expect(json).toEqual({ code: 'BAD_NUMBER', severity: 'error', message: 'm\x1b', source, count: 2 });
    expect(json.source).not.toBe(source);
    expect(issueToJson({ code: 'EMPTY_FILE', severity: 'warning', message: 'm' })).toEqual({ code: 'EMPTY_FILE', severity: 'warning', message: 'm' });
  });
});

describe('issueFromError', () => {
  test('issueFromError(RerateError) keeps its code, message and source as an error issue', () => {
    expect(issueFromError(new RerateError('UNREADABLE_FILE', 'x.csv does not exist.', { file: 'x.csv', line: 1 })))
      .toEqual({ code: 'UNREADABLE_FILE', severity: 'error', message: 'x.csv does not exist.', source: { file: 'x.csv', line: 1 } });
    expect(issueFromError(new RerateError('BAD_VALUE', 'bad.'))).toEqual({ code: 'BAD_VALUE', severity: 'error', message: 'bad.' });
  });

  test('issueFromError(anything else, { during }) is one INTERNAL error: the first line of the message, shortened, no stack', () => {
    const error = new TypeError('x is not a function\n    at f (a.js:1:1)');
    expect(issueFromError(error, { during: 'rerate invoice' })).toEqual({
      code: 'INTERNAL', severity: 'error',
      message: 'rerate invoice failed unexpectedly (TypeError: x is not a function); please report this with the command you ran.',
    });
    expect(issueFromError('boom').message).toBe('Rerate failed unexpectedly (boom); please report this with the command you ran.');
    const long = issueFromError(new Error('y'.repeat(5000))).message;
    expect(long).toBe(`Rerate failed unexpectedly (Error: ${'y'.repeat(193)}…); please report this with the command you ran.`);
    const hostile = { toString: () => { throw new Error('no'); } };
    expect(issueFromError(hostile).message).toBe('Rerate failed unexpectedly (an unprintable value was thrown); please report this with the command you ran.');
  });
});
