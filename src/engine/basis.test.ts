import { basisAmountText, basisField } from './basis';
import { makeLine } from '../../test/engine/fixtures';

describe('basisField', () => {
  test('basisField(kind, basis) follows the table of ENGINE.md §3', () => {
    const kinds = ['usage', 'ri-covered', 'sp-covered', 'sp-negation', 'ri-fee', 'sp-fee', 'upfront', 'fee', 'support', 'credit', 'tax'] as const;
    const table = Object.fromEntries(kinds.map((k) => [k, (['unblended', 'amortized', 'list', 'blended'] as const).map((b) => basisField(k, b))]));
    expect(table).toEqual({
      usage: ['unblendedCost', 'unblendedCost', 'listCost', 'blendedCost'],
      'ri-covered': ['unblendedCost', 'amortizedCost', 'listCost', 'blendedCost'],
      'sp-covered': ['unblendedCost', 'amortizedCost', 'listCost', 'blendedCost'],
      'sp-negation': ['unblendedCost', 'zero', 'zero', 'blendedCost'],
      'ri-fee': ['unblendedCost', 'amortizedCost', 'zero', 'blendedCost'],
      'sp-fee': ['unblendedCost', 'amortizedCost', 'zero', 'blendedCost'],
      upfront: ['unblendedCost', 'zero', 'zero', 'blendedCost'],
      fee: ['unblendedCost', 'unblendedCost', 'unblendedCost', 'unblendedCost'],
      support: ['unblendedCost', 'unblendedCost', 'unblendedCost', 'unblendedCost'],
      credit: ['unblendedCost', 'unblendedCost', 'unblendedCost', 'unblendedCost'],
      tax: ['unblendedCost', 'unblendedCost', 'unblendedCost', 'unblendedCost'],
    });
  });

  test('basisAmountText(line, field) uses the unblended cost and says so when the source lacks the figure', () => {
    const dbr = makeLine({ format: 'dbr', unblendedCost: '4.5', listCost: null });
    expect(basisAmountText(dbr, 'listCost')).toEqual({ text: '4.5', unavailable: true });
    expect(basisAmountText(makeLine({ unblendedCost: '4.5', listCost: '6' }), 'listCost')).toEqual({ text: '6', unavailable: false });
    expect(basisAmountText(makeLine({ unblendedCost: '4.5' }), 'zero')).toEqual({ text: '0', unavailable: false });
  });
});
