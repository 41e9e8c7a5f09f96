import { ContentCache, contentKey } from './tableCache';

describe('ContentCache', () => {
  test('computes once per distinct key and counts hits and misses', () => {
    const cache = new ContentCache<{ n: number }>(16);
    let computed = 0;
    const compute = () => { computed += 1; return { n: computed }; };
    expect(cache.get(contentKey('t', [['A'], [1]]), compute).n).toBe(1);
    expect(cache.get(contentKey('t', [['A'], [1]]), compute).n).toBe(1);
    expect(cache.get(contentKey('t', [['A'], [2]]), compute).n).toBe(2);
    expect(cache.get(contentKey('u', [['A'], [1]]), compute).n).toBe(3);
    expect([cache.hits, cache.misses, cache.size]).toEqual([1, 3, 3]);
  });

  test('holds at most its capacity and drops the least recently used', () => {
    const cache = new ContentCache<string[]>(2);
    cache.get('a', () => ['a1']);
    cache.get('b', () => ['b1']);
    cache.get('a', () => ['a2']); // a is now the most recent
    cache.get('c', () => ['c1']); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get('a', () => ['a3'])).toEqual(['a1']);
    expect(cache.get('b', () => ['b2'])).toEqual(['b2']);
    expect([cache.hits, cache.misses]).toEqual([2, 4]);
  });

  test('a throwing computation is not cached', () => {
    const cache = new ContentCache<string[]>(2);
    expect(() => cache.get('k', () => { throw new Error('bad'); })).toThrow('bad');
    expect(cache.get('k', () => ['ok'])).toEqual(['ok']);
    expect([cache.hits, cache.misses, cache.size]).toEqual([0, 2, 1]);
  });

  test('clear empties the cache and resets the counters', () => {
    const cache = new ContentCache<string[]>();
    cache.get('k', () => ['v']);
    cache.clear();
    expect([cache.hits, cache.misses, cache.size, cache.capacity]).toEqual([0, 0, 0, 16]);
  });
});
