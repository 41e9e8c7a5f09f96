import { Decimal } from './money';
import { exactAdd, exactSub, exactSum } from './exact';

test('exactAdd(a, b) keeps every digit where Decimal.plus rounds to 40 significant digits', () => {
  const quotient = new Decimal(10).div('0.85');
  expect(quotient.toFixed()).toBe('11.76470588235294117647058823529411764706');
  expect(exactAdd(quotient, new Decimal(100)).toFixed()).toBe('111.76470588235294117647058823529411764706');
  expect(quotient.plus(100).toFixed()).toBe('111.7647058823529411764705882352941176471');
  expect(exactSub(exactAdd(quotient, new Decimal(100)), new Decimal(100)).eq(quotient)).toBe(true);
  expect(exactSum([new Decimal('0.1'), new Decimal('-0.3'), new Decimal('1E-30')]).toFixed()).toBe('-0.199999999999999999999999999999');
});
