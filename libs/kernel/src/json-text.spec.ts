// Proves every string the store cannot hold (NUL, a lone surrogate — in a value or a key), every key named like
// an object member, and nesting beyond the limit are found, each by the field path a caller can find in its JSON.
import { jsonTextProblems } from './json-text';
import { LIMITS } from './limits';

const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : [nested(levels - 1)]);

describe('jsonTextProblems', () => {
  it('finds nothing in ordinary JSON, emoji and other paired surrogates included', () => {
    expect(jsonTextProblems({ a: 'x', b: [1, true, null, { c: 'é😀中' }], '😀': 'k' })).toEqual([]);
  });

  it('names NUL and lone surrogates in values, by path', () => {
    expect(jsonTextProblems({ a: 'x\u0000', lines: [{ sku: 'ok' }, { sku: '\uD800' }], b: { c: ['\uDC00z'] } })).toEqual([
      { field: 'a', problem: 'must not contain NUL characters (\\u0000)' },
      { field: 'lines[1].sku', problem: 'must be well-formed Unicode (no unpaired surrogate \\uD800–\\uDFFF)' },
      { field: 'b.c[0]', problem: 'must be well-formed Unicode (no unpaired surrogate \\uD800–\\uDFFF)' },
    ]);
  });

  it('names bad keys, with the bad characters escaped so the path is readable', () => {
    expect(jsonTextProblems({ ['k\u0000']: 1, o: { ['\uDBFF']: 2 } })).toEqual([
      { field: 'k\\u0000', problem: 'name must not contain NUL characters (\\u0000)' },
      { field: 'o.\\udbff', problem: 'name must be well-formed Unicode (no unpaired surrogate \\uD800–\\uDFFF)' },
    ]);
  });

  it('refuses keys every object has, which class-transformer would drop silently', () => {
    const body = JSON.parse('{"constructor": 1, "a": {"__proto__": {"x": 1}, "toString": 2}}') as unknown;
    expect(jsonTextProblems(body).map((p) => p.field)).toEqual(['constructor', 'a.__proto__', 'a.toString']);
  });

  it(`allows ${LIMITS.http.jsonNestingLevels} levels of nesting and names the first level beyond`, () => {
    expect(jsonTextProblems(nested(LIMITS.http.jsonNestingLevels))).toEqual([]);
    expect(jsonTextProblems(nested(LIMITS.http.jsonNestingLevels + 1))).toEqual([{ field: '[0]'.repeat(LIMITS.http.jsonNestingLevels), problem: `nests deeper than ${LIMITS.http.jsonNestingLevels} levels of arrays and objects` }]);
  });

  it('walks no deeper than the limit, however deep the value', () => {
    expect(jsonTextProblems(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toHaveLength(1);
  });

  it(`lists at most ${LIMITS.http.textProblemsListed} problems`, () => {
    expect(jsonTextProblems(Array.from({ length: 1_000 }, () => '\u0000'))).toHaveLength(LIMITS.http.textProblemsListed);
  });
});
