import { compileGlob, globMatches, globsOverlap } from './glob';

describe('globs', () => {
  test('globMatches(glob, value) is case-insensitive with * and ?, and blank matches everything including null', () => {
    expect(globMatches(compileGlob('*t3.*'), 'BoxUsage:T3.micro')).toBe(true);
    expect(globMatches(compileGlob('*t3.*'), 'BoxUsage:t3a.micro')).toBe(false);
    expect(globMatches(compileGlob('USE?-*'), 'USE1-DataTransfer')).toBe(true);
    expect(globMatches(compileGlob('a.b'), 'axb')).toBe(false);
    expect(globMatches(compileGlob(''), null)).toBe(true);
    expect(globMatches(compileGlob('*'), null)).toBe(true);
    expect(globMatches(compileGlob('AmazonEC2'), null)).toBe(false);
  });

  test('globsOverlap(a, b) says whether some text matches both patterns', () => {
    expect(globsOverlap('BoxUsage:t3.*', 'BoxUsage:m5.*')).toBe(false);
    // "t3.m5." matches both: unanchored globs overlap more often than one expects.
    expect(globsOverlap('*t3.*', '*m5.*')).toBe(true);
    expect(globsOverlap('*t3.*', 'BoxUsage:*')).toBe(true);
    expect(globsOverlap('AmazonEC2', 'amazonec2')).toBe(true);
    expect(globsOverlap('AmazonEC2', 'AmazonS3')).toBe(false);
    expect(globsOverlap('a?c', 'ab*')).toBe(true);
    expect(globsOverlap('a?c', 'abcd*')).toBe(false);
    expect(globsOverlap('', 'x')).toBe(true);
  });
});
