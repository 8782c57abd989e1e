// Proves "contexts append only to their own streams" statically: every stream name a context's code
// builds (streamName with a category) is of a category it owns (STREAM_OWNERS), or a listed read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { STREAM_CATEGORIES, STREAM_OWNERS, type StreamCategory } from '@ledger/contracts';

const ROOT = join(__dirname, '..', '..');
const CONTEXTS = ['programs', 'attribution', 'orders', 'ledger', 'audit',
  'governance',
  'collaboration',
  'statements',
  'disputes',
  'kpis',
  'fraud',
  'payouts'] as const;

const NOT_CONTEXT_CODE = /(\.spec\.ts$|\/testing\/)/;

/** Streams a context names only to read them, never to append; each with why. */
const READS_OF_OTHERS: Partial<Record<(typeof CONTEXTS)[number], Partial<Record<StreamCategory, string>>>> = {
  ledger: { influencer: 'does the influencer exist (streamRevision), for a 404 instead of an empty balance' },
  statements: { influencer: 'does the influencer exist (streamRevision), for a 404 instead of an empty statement' },
};

const BY_KEY = STREAM_CATEGORIES as Record<string, StreamCategory>;
const NAMED = /streamName\(\s*(?:STREAM_CATEGORIES\.(\w+)|'([a-z0-9_]+)')/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function categoriesNamedBy(context: string): Map<string, string[]> {
  const named = new Map<string, string[]>();
  for (const path of sourceFiles(join(ROOT, 'libs', context, 'src'))) {
    const file = relative(ROOT, path);
    if (NOT_CONTEXT_CODE.test(file)) continue;
    for (const match of readFileSync(path, 'utf8').matchAll(NAMED)) {
      const category = match[1] !== undefined ? BY_KEY[match[1]] : match[2];
      expect(category).toBeDefined();
      named.set(category!, [...(named.get(category!) ?? []), file]);
    }
  }
  return named;
}

describe('contexts own their streams', () => {
  it.each(CONTEXTS)('%s names only its own stream categories (or a listed read)', (context) => {
    const foreign = [...categoriesNamedBy(context)]
      .filter(([category]) => STREAM_OWNERS[category as StreamCategory] !== context && READS_OF_OTHERS[context]?.[category as StreamCategory] === undefined)
      .map(([category, files]) => `${category}-* (owned by ${STREAM_OWNERS[category as StreamCategory] ?? 'nobody: unknown category'}) in ${files.join(', ')}`);
    expect(foreign).toEqual([]);
  });

  it('every stream category has one owner, and every owner builds its names', () => {
    const owners = new Set(Object.values(STREAM_OWNERS));
    for (const owner of owners) {
      const named = categoriesNamedBy(owner);
      for (const [category, context] of Object.entries(STREAM_OWNERS)) if (context === owner) expect(named.has(category)).toBe(true);
    }
  });

  it('would catch a context naming another context\'s stream', () => {
    const sample = "streamName(STREAM_CATEGORIES.order, org, id); streamName('campaign', org, id)";
    expect([...sample.matchAll(NAMED)].map((m) => (m[1] !== undefined ? BY_KEY[m[1]] : m[2]))).toEqual(['order', 'campaign']);
  });
});
