import { groupDigits } from './formatIssue';

describe('groupDigits', () => {
  test('groupDigits(text) groups thousands and keeps every decimal', () => {
    expect(groupDigits('1234567.0000000001')).toBe('1,234,567.0000000001');
    expect(groupDigits('-1000')).toBe('-1,000');
    expect(groupDigits('0.5')).toBe('0.5');
  });
});
