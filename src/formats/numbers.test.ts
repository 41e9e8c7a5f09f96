import { isZeroText, negateText, sumTexts } from './numbers';

describe('decimal text helpers', () => {
  it('isZeroText(text) is true for every spelling of zero only', () => {
    expect(['0', '-0.00', '0E-10', '.0', '0.0e5'].map(isZeroText)).toEqual([true, true, true, true, true]);
    expect(['0.01', '-1', '1E-9'].map(isZeroText)).toEqual([false, false, false]);
  });

  it('negateText(text) and sumTexts(...) compute sp-fee style differences exactly', () => {
    expect(negateText('1.5')).toBe('-1.5');
    expect(negateText('-2')).toBe('2');
    expect(sumTexts('10', negateText('7.25'))).toBe('2.75');
    expect(sumTexts('1.25', '0.3')).toBe('1.55');
  });
});
