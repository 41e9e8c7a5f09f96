import { FakeExcelError } from '../../test/addin/fakeCustomFunctions';
import { RerateError } from '../engine/issues';
import { excelErrorKind, toExcelError } from './toExcelError';

describe('toExcelError', () => {
  test('toExcelError(bad input) is #VALUE! with the engine’s message', () => {
    expect(toExcelError(new RerateError('BAD_VALUE', 'mode is "up", not "half-up" or "half-even".')))
      .toEqual(new FakeExcelError('#VALUE!', 'mode is "up", not "half-up" or "half-even".'));
  });

  test('toExcelError(missing look-up) is #N/A with the message', () => {
    expect(toExcelError(new RerateError('FX_RATE_MISSING', 'No GBP per USD rate for 2023-11.')))
      .toEqual(new FakeExcelError('#N/A', 'No GBP per USD rate for 2023-11.'));
    expect(excelErrorKind(new RerateError('UNKNOWN_PLAN', 'x'))).toBe('missing-lookup');
    expect(excelErrorKind(new RerateError('UNKNOWN_INSTANCE_SIZE', 'x'))).toBe('missing-lookup');
  });

  test('toExcelError(RangeError) is #NUM!, a numeric domain error', () => {
    expect(toExcelError(new RangeError('price is 0.'))).toEqual(new FakeExcelError('#NUM!', 'price is 0.'));
  });

  test('toExcelError(anything else) is #VALUE! and an Excel error passes through as is', () => {
    expect(toExcelError(new TypeError('boom'))).toEqual(new FakeExcelError('#VALUE!', 'boom'));
    expect(toExcelError('text')).toEqual(new FakeExcelError('#VALUE!', 'text'));
    const excel = new FakeExcelError('#N/A', 'kept');
    expect(toExcelError(excel)).toBe(excel);
  });
});
