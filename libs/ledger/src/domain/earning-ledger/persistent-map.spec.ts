// Proves PersistentMap behaves like a Map, never changes an earlier version and lists values deterministically; property-based against Map.
import fc from 'fast-check';
import { PersistentMap } from './persistent-map';

describe('PersistentMap', () => {
  it('agrees with Map after any sequence of sets, and earlier versions stay as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 200 }), (writes) => {
        const reference = new Map<string, number>();
        let map = PersistentMap.empty<number>();
        const versions: Array<[PersistentMap<number>, Map<string, number>]> = [];
        for (const [key, value] of writes) {
          versions.push([map, new Map(reference)]);
          map = map.set(key, value);
          reference.set(key, value);
        }
        versions.push([map, reference]);
        for (const [version, expected] of versions) {
          expect(version.size).toBe(expected.size);
          for (const [key, value] of expected) expect(version.get(key)).toBe(value);
          expect([...version.values()].sort()).toEqual([...expected.values()].sort());
        }
        expect(map.has('\u0000missing')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('lists values in the same order whenever the same sets are made', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uuid(), fc.integer()), { maxLength: 300 }), (writes) => {
        const build = () => writes.reduce((map, [key, value]) => map.set(key, value), PersistentMap.empty<number>());
        expect([...build().values()]).toEqual([...build().values()]);
      }),
      { numRuns: 50 },
    );
  });
});
