import { LruCache } from './lru.cache';

describe('LruCache', () => {
  it('forgets the least recently used entry past its limit', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('keeps the recent entries when full instead of emptying itself', () => {
    const cache = new LruCache<number, number>(100);
    for (let i = 0; i < 1_000; i++) cache.set(i, i);
    expect(cache.size).toBe(100);
    expect(cache.get(899)).toBeUndefined();
    expect(cache.get(900)).toBe(900);
    expect(cache.get(999)).toBe(999);
  });

  it('forgets an entry on request, and a set of an existing key refreshes it', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.set('a', 1);
    cache.set('b', 3);
    cache.set('c', 4);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(3);
  });
});
