import type { Issue } from '../engine/issues';
import { formatIssueLine } from './io';

const issue = (message: string, count?: number): Issue => ({
  code: 'SUPPORT_WITHOUT_PLAN',
  severity: 'warning',
  message,
  source: { file: 'cur.csv', line: 17 },
  ...(count === undefined ? {} : { count }),
});

describe('formatIssueLine', () => {
  it('formatIssueLine(issue counted 3 times) appends "(3 times)"', () => {
    expect(formatIssueLine({ ...issue('Line 9 of cur.csv has 5 fields where the header has 4; the row is skipped.', 3), code: 'BAD_ROW' }))
      .toBe('cur.csv:17: BAD_ROW Line 9 of cur.csv has 5 fields where the header has 4; the row is skipped. (3 times)');
  });

  it('formatIssueLine(issue whose message states its count 5679) does not repeat it', () => {
    expect(formatIssueLine(issue('Account 000987654321 (customer "Acme") has 5679 AWS Support lines but no support plan.', 5679)))
      .toBe('cur.csv:17: SUPPORT_WITHOUT_PLAN Account 000987654321 (customer "Acme") has 5679 AWS Support lines but no support plan.');
  });

  it('formatIssueLine(count 12 where the message only holds 123 or 000000000012-like digits) still appends the count', () => {
    expect(formatIssueLine(issue('Account 123456789012 has lines.', 12))).toMatch(/\(12 times\)$/);
    expect(formatIssueLine(issue('Rule on line 123 is odd.', 12))).toMatch(/\(12 times\)$/);
  });

  it('formatIssueLine(single issue without source) is "CODE message"', () => {
    expect(formatIssueLine({ code: 'EMPTY_FILE', severity: 'error', message: 'x.csv is empty.' })).toBe('EMPTY_FILE x.csv is empty.');
  });
});
