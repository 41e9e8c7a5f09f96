import { parseJsonObject, tagsFromObject, TOO_DEEP } from './jsonObject';

describe('parseJsonObject', () => {
  it('parseJsonObject(text) reads objects, key/value entry lists, and null for blank or NULL', () => {
    expect(parseJsonObject('{"user_team":"web","n":2}')).toEqual({ user_team: 'web', n: 2 });
    expect(parseJsonObject('[{"key":"region","value":"us-east-1"},{"key":"tenancy","value":null}]')).toEqual({ region: 'us-east-1', tenancy: null });
    expect([parseJsonObject(''), parseJsonObject('NULL'), parseJsonObject('null'), parseJsonObject(null)]).toEqual([null, null, null, null]);
  });

  it('parseJsonObject(text) is undefined for text that is not a JSON object', () => {
    expect([parseJsonObject('{bad'), parseJsonObject('"x"'), parseJsonObject('[1,2]'), parseJsonObject('42')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('parseJsonObject(text) is TOO_DEEP past 100 levels without recursing, brackets inside strings not counted', () => {
    const nested = (n: number) => `{"a":${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
    expect(parseJsonObject(nested(100))).toEqual({ a: JSON.parse(`${'['.repeat(99)}${']'.repeat(99)}`) });
    expect(parseJsonObject(nested(101))).toBe(TOO_DEEP);
    expect(parseJsonObject('['.repeat(1_000_000))).toBe(TOO_DEEP);
    expect(parseJsonObject(`{"a":"${'[\\"'.repeat(200)}"}`)).toEqual({ a: '[\"'.repeat(200) });
  });

  it('tagsFromObject(map) keeps non-blank values as text', () => {
    expect(tagsFromObject({ a: 'x', b: '', c: null, d: 42, e: { f: 1 } }, { z: '1' })).toEqual({ z: '1', a: 'x', d: '42', e: '{"f":1}' });
    expect(tagsFromObject({ b: '' }, null)).toBeNull();
  });
});
