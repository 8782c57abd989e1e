// Proves with fast-check that the choice between campaigns is total and deterministic: the winner is the highest
// precedence, then the latest picked touch, then the smaller campaign id, whatever order the touches and the catalog
// come in — over generated campaigns (precedence ties, equal instants, both pick directions) and fixed times.
import fc from 'fast-check';
import { attribute } from './attribution-engine';
import type { AttributionOutcome, TouchForAttribution } from './attribution.types';
import { catalogOf } from './catalog.view';
import { campaign, code, day, influencer, order, rulesWith, touch } from './testing/attribution.fixtures';

interface GeneratedCampaign {
  campaignId: string;
  precedence: number;
  model: 'first_touch' | 'last_touch';
  /** Offsets in hours after day 0; few distinct values, so equal instants are common. */
  touchHours: number[];
  codeOnOrder: boolean;
}

const ORDER_AT = day(10);

const campaignArb: fc.Arbitrary<Omit<GeneratedCampaign, 'campaignId'>> = fc.record({
  precedence: fc.integer({ min: 0, max: 2 }),
  model: fc.constantFrom('first_touch' as const, 'last_touch' as const),
  touchHours: fc.array(fc.constantFrom(0, 24, 48, 240), { minLength: 0, maxLength: 3 }),
  codeOnOrder: fc.boolean(),
});

const worldArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 })
  .chain((ids) => fc.tuple(...ids.map((id) => campaignArb.map((c): GeneratedCampaign => ({ ...c, campaignId: id })))))
  .filter((campaigns) => campaigns.some((c) => c.touchHours.length > 0 || c.codeOnOrder));

/** Each campaign gets its own code and influencer, so the winner's campaign id says who won. */
function outcomeOf(campaigns: readonly GeneratedCampaign[], shuffle: (n: number) => number[]): AttributionOutcome {
  const codes = campaigns.map((c, i) => code(`CODE${i}`, c.campaignId, `inf-${i}`, 'coupon'));
  const touches: TouchForAttribution[] = campaigns.flatMap((c, i) =>
    c.touchHours.map((hours, j) => touch(`t-${i}-${j}`, codes[i]!, 'code', day(0, hours * 3_600_000))),
  );
  const orderCodes = campaigns.flatMap((c, i) => (c.codeOnOrder ? [`CODE${i}`] : []));
  const permute = <T>(items: readonly T[]): T[] => shuffle(items.length).map((k) => items[k]!);
  const catalog = catalogOf({
    campaigns: permute(campaigns.map((c) => campaign(c.campaignId, rulesWith({ model: c.model, precedence: c.precedence })))),
    codes: permute(codes),
    influencers: permute(campaigns.map((_c, i) => influencer(`inf-${i}`))),
  });
  return attribute({ order: order({ occurredAt: ORDER_AT, codes: permute(orderCodes) }), touches: permute(touches), catalog });
}

/** The rule of docs/architecture.md, written independently of the engine. */
function expectedWinner(campaigns: readonly GeneratedCampaign[]): { campaignId: string; touchedAtMs: number } {
  const picks = campaigns
    .map((c) => {
      const times = [...c.touchHours.map((h) => Date.parse(day(0, h * 3_600_000))), ...(c.codeOnOrder ? [Date.parse(ORDER_AT)] : [])];
      if (times.length === 0) return undefined;
      return { campaignId: c.campaignId, precedence: c.precedence, atMs: c.model === 'first_touch' ? Math.min(...times) : Math.max(...times) };
    })
    .filter((p): p is NonNullable<typeof p> => p !== undefined)
    .sort((a, b) => b.precedence - a.precedence || b.atMs - a.atMs || (a.campaignId < b.campaignId ? -1 : a.campaignId > b.campaignId ? 1 : 0));
  const best = picks[0]!;
  return { campaignId: best.campaignId, touchedAtMs: best.atMs };
}

const identity = (n: number): number[] => Array.from({ length: n }, (_v, k) => k);

describe('between campaigns (property)', () => {
  it('the highest precedence wins, then the latest touch, then the smaller campaign id; input order never matters', () => {
    fc.assert(
      fc.property(worldArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (campaigns, keys) => {
        // A permutation of 0..n-1 from arbitrary sort keys: every input list comes in another order.
        const shuffled = (n: number): number[] => identity(n).sort((a, b) => (keys[a % keys.length]! - keys[b % keys.length]!) || b - a);
        const inOrder = outcomeOf(campaigns, identity);
        const permuted = outcomeOf(campaigns, shuffled);
        expect(permuted).toEqual(inOrder);
        expect(inOrder.attributed).toBe(true);
        if (!inOrder.attributed) return;
        const expected = expectedWinner(campaigns);
        expect(inOrder.winner.campaignId).toBe(expected.campaignId);
        expect(Date.parse(inOrder.winner.basis.touchedAt)).toBe(expected.touchedAtMs);
      }),
      { seed: 20261202, numRuns: 500 },
    );
  });
});
