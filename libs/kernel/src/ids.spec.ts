// Proves deterministicId (node:crypto SHA-1) gives exactly the uuid package's v5 ids, for ASCII, non-ASCII, separators and numbers (fast-check).
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { deterministicId, isUuid, LEDGER_NAMESPACE } from './ids';

const reference = (...parts: Array<string | number>): string => uuidv5(parts.map((p) => String(p).replace(/\|/g, '||')).join('|'), LEDGER_NAMESPACE);

describe('deterministicId', () => {
  it('equals uuid v5 in the ledger namespace on known inputs', () => {
    const cases: Array<Array<string | number>> = [
      [],
      [''],
      ['org', 'scm', 'ref-1', 'OrderPlaced'],
      ['org', 'earning', 'o-1', 'inf', 1],
      ['a|b', '||', 'c'],
      ['Zürich', '東京', '🎉', 'naïve'],
    ];
    for (const parts of cases) {
      const id = deterministicId(...parts);
      expect(id).toBe(reference(...parts));
      expect(isUuid(id)).toBe(true);
    }
  });

  it('equals uuid v5 for any parts (full unicode, numbers)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constantFrom('|', '||', 'x|y')), { maxLength: 6 }), (parts) => {
        expect(deterministicId(...parts)).toBe(reference(...parts));
      }),
      { numRuns: 2_000 },
    );
  });
});
