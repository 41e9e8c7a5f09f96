import { DEFAULT_SETTINGS, loadSettings, mergeSettings, parseSettingValue, settingRows } from './settings';
import { RerateError } from './issues';
import { makeTable } from '../../test/engine/fixtures';

describe('settings', () => {
  test('DEFAULT_SETTINGS are USD, half-up, next-period, exclude, as-billed, service, every period', () => {
    expect(DEFAULT_SETTINGS).toEqual({ currency: 'USD', rounding: 'half-up', credits: 'next-period', tax: 'exclude', commitments: 'as-billed', grain: 'service', period: null });
  });

  test('settingRows(settings) lists every setting as text that loadSettings reads back', () => {
    expect(settingRows(DEFAULT_SETTINGS)).toEqual([
      ['currency', 'USD'], ['rounding', 'half-up'], ['credits', 'next-period'], ['tax', 'exclude'],
      ['commitments', 'as-billed'], ['grain', 'service'], ['period', ''],
    ]);
    const settings = mergeSettings({ currency: 'GBP', rounding: 'half-even', period: '2023-11' });
    const { result, issues } = loadSettings(makeTable('Settings', ['Setting', 'Value'], settingRows(settings)));
    expect(issues).toEqual([]);
    expect(mergeSettings(result)).toEqual(settings);
  });

  test('parseSettingValue(name, text) accepts choices case-insensitively and upper-cases the currency', () => {
    expect(parseSettingValue('rounding', ' Half-Even ')).toBe('half-even');
    expect(parseSettingValue('currency', 'gbp')).toBe('GBP');
    expect(parseSettingValue('period', '2023-11')).toBe('2023-11');
    expect(parseSettingValue('period', '')).toBeNull();
  });

  test('parseSettingValue(name, text) throws BAD_VALUE naming the setting, the value and the choices', () => {
    expect(() => parseSettingValue('credits', 'later')).toThrow(new RerateError('BAD_VALUE', 'Setting credits "later" is not one of same-period, next-period, retain.'));
    expect(() => parseSettingValue('period', '2023-13')).toThrow('Setting period "2023-13" is not a billing period YYYY-MM.');
    expect(() => parseSettingValue('currency', 'US$')).toThrow(RerateError);
  });

  test('loadSettings(table) reads Setting,Value rows and reports bad rows with their line', () => {
    const table = makeTable('Settings', ['Setting', 'Value'], [
      ['Currency', 'eur'], ['tax', 'pass-through'], ['grain', 'customer'], ['colour', 'blue'], ['tax', 'exclude'], ['', ''],
    ]);
    const { result, issues } = loadSettings(table);
    expect(result).toEqual({ currency: 'EUR', tax: 'pass-through' });
    expect(issues.map((i) => [i.code, i.source?.line])).toEqual([['BAD_VALUE', 4], ['BAD_VALUE', 5], ['BAD_VALUE', 6]]);
    expect(issues[0].message).toBe('Setting grain "customer" is not one of service, account (Settings line 4).');
    expect(mergeSettings(result).tax).toBe('pass-through');
  });

  test('loadSettings(table) without a Value column is MISSING_COLUMN', () => {
    expect(loadSettings(makeTable('S', ['Setting'], [])).issues.map((i) => i.code)).toEqual(['MISSING_COLUMN']);
  });
});
