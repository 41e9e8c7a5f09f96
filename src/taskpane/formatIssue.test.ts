import { formatIssue, groupDigits } from './formatIssue';

describe('formatIssue', () => {
  test('formatIssue(issue) puts file and line first, like the CLI, and the count last', () => {
    expect(formatIssue({ code: 'NO_RULE', severity: 'warning', message: 'No rule prices AmazonEC2.', source: { file: 'a.csv', line: 12 }, count: 1234 }))
      .toBe('a.csv:12: NO_RULE No rule prices AmazonEC2. (×1,234)');
    expect(formatIssue({ code: 'EMPTY_FILE', severity: 'error', message: 'a.csv is empty.' })).toBe('EMPTY_FILE a.csv is empty.');
  });

  test('groupDigits(text) groups thousands and keeps every decimal', () => {
    expect(groupDigits('1234567.0000000001')).toBe('1,234,567.0000000001');
    expect(groupDigits('-1000')).toBe('-1,000');
    expect(groupDigits('0.5')).toBe('0.5');
  });
});
