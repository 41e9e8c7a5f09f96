import { fakeRegistry, reinstallFakeCustomFunctions, uninstallFakeCustomFunctions } from '../../test/addin/fakeCustomFunctions';
import { registerFunctions } from './registerFunctions';

describe('registerFunctions', () => {
  afterEach(() => reinstallFakeCustomFunctions());

  test('registerFunctions(functions) associates each id inside Excel and returns the ids', () => {
    const one = () => 1;
    expect(registerFunctions({ ONE: one })).toEqual(['ONE']);
    expect(fakeRegistry.get('ONE')).toBe(one);
  });

  test('registerFunctions(functions) outside Excel (no CustomFunctions) registers nothing and does not throw', () => {
    uninstallFakeCustomFunctions();
    expect(registerFunctions({ TWO: () => 2 })).toEqual([]);
    expect(fakeRegistry.has('TWO')).toBe(false);
  });
});
