// A small immutable map for decider state. An influencer stream can hold tens of thousands of
// earnings, and evolve must return a new state per event without touching the old one: a
// hash array mapped trie (immutable's Map) copies only the O(log32 n) path to the changed key,
// where a copied flat Map (or bucket of one) costs O(n) per event and makes a replay quadratic.
import { Map as HamtMap } from 'immutable';

export class PersistentMap<V> {
  private constructor(private readonly entries: HamtMap<string, V>) {}

  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(HamtMap<string, V>());
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** A new map with `key` set; this one is unchanged. */
  set(key: string, value: V): PersistentMap<V> {
    return new PersistentMap(this.entries.set(key, value));
  }

  /**
   * Every value. The order is deterministic (the trie's, which depends only on the keys and the
   * sequence of sets), not insertion order: callers that need an order sort.
   */
  values(): IterableIterator<V> {
    return this.entries.values();
  }
}
