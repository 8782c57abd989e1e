// Proves the catalog fold: program events in stream order give the CatalogView validateCode reads (status and rules
// history, code lifecycle, influencer status), lookups normalise codes, entities are replaced not mutated, orphans are ignored.
import type { StreamAppend } from '@ledger/event-store';
import { validateCode } from '../../../domain';
import { programRules, ProgramEvents } from '../../../testing';
import { OrgCatalog } from './org-catalog';
import type { ProgramEventType } from './program-events';

const T0 = '2026-03-01T00:00:00.000Z';
const at = (days: number) => new Date(Date.parse(T0) + days * 86_400_000).toISOString();
const p = new ProgramEvents('acme');

function fold(...appends: StreamAppend[]): OrgCatalog {
  const catalog = new OrgCatalog();
  for (const append of appends) for (const e of append.events) expect(catalog.apply(e.type as ProgramEventType, e.data)).toBe('applied');
  return catalog;
}

const program = [
  p.campaignCreated('c1', programRules({ channelOverrides: { pos: { discount: { type: 'percent', rateBps: 1_500 } } } }), at(0)),
  p.campaignActivated('c1', at(1)),
  p.influencerRegistered('i1', at(0), { customerRefs: ['cust-own'], parentId: 'i0' }),
  p.codeIssued({ code: 'SUMMER10', campaignId: 'c1', influencerId: 'i1', discount: { type: 'percent', rateBps: 1_000 }, channels: ['ecommerce', 'pos'], validUntil: at(30), issuedAt: at(1) }),
];

describe('OrgCatalog fold', () => {
  it('builds the views: status history with times, rules versions with effectiveFrom, code and influencer', () => {
    const catalog = fold(...program, p.rulesChanged('c1', 2, programRules({ channels: ['ecommerce'] }), at(10)), p.campaignPaused('c1', at(20)));
    expect(catalog.findCampaign('c1')).toEqual({
      campaignId: 'c1',
      statusHistory: [
        { status: 'draft', at: at(0) },
        { status: 'active', at: at(1) },
        { status: 'paused', at: at(20) },
      ],
      rulesVersions: [
        { rulesVersion: 1, effectiveFrom: at(0), rules: expect.objectContaining({ channels: ['ecommerce', 'pos'] }) },
        { rulesVersion: 2, effectiveFrom: at(10), rules: expect.objectContaining({ channels: ['ecommerce'] }) },
      ],
    });
    expect(catalog.findInfluencer('i1')).toEqual({ influencerId: 'i1', parentId: 'i0', customerRefs: ['cust-own'], statusHistory: [{ status: 'active', at: at(0) }] });
    expect(catalog.findCode('SUMMER10')).toEqual({
      code: 'SUMMER10', campaignId: 'c1', influencerId: 'i1', kind: 'coupon', issuedAt: at(1),
      discount: { type: 'percent', rateBps: 1_000 }, channels: ['ecommerce', 'pos'], validUntil: at(30),
    });
    expect(catalog.counts()).toEqual({ campaigns: 1, codes: 1, influencers: 1 });
  });

  it('finds a code as customers type it (any case, stray spaces), and nothing for an unusable spelling', () => {
    const catalog = fold(...program);
    expect(catalog.findCode(' summer10 ')?.code).toBe('SUMMER10');
    expect(catalog.findCode('SUMMER 10')).toBeUndefined();
    expect(catalog.findCode('')).toBeUndefined();
  });

  it('answers validateCode through time: rules versions, pauses, deactivation, influencer status', () => {
    const catalog = fold(
      ...program,
      p.rulesChanged('c1', 2, programRules({ channels: ['ecommerce'] }), at(10)),
      p.influencerSuspended('i1', at(12)),
      p.influencerReactivated('i1', at(13)),
      p.campaignPaused('c1', at(15)),
      p.campaignActivated('c1', at(16)),
      p.codeDeactivated('SUMMER10', at(20)),
    );
    const reason = (channel: 'ecommerce' | 'pos', days: number) => {
      const v = validateCode(catalog, 'summer10', channel, at(days));
      return v.valid ? `valid:${v.rulesVersion}:${v.discount?.type === 'percent' ? v.discount.rateBps : '-'}` : v.reason;
    };
    expect(reason('ecommerce', 0.5)).toBe('not_yet_valid'); // before issue
    expect(reason('pos', 2)).toBe('valid:1:1500'); // version 1: pos allowed, its override discount
    expect(reason('ecommerce', 2)).toBe('valid:1:1000');
    expect(reason('pos', 11)).toBe('channel_not_eligible'); // version 2 dropped pos
    expect(reason('ecommerce', 12.5)).toBe('influencer_inactive');
    expect(reason('ecommerce', 14)).toBe('valid:2:1000');
    expect(reason('ecommerce', 15.5)).toBe('campaign_inactive');
    expect(reason('ecommerce', 17)).toBe('valid:2:1000');
    expect(reason('ecommerce', 21)).toBe('inactive');
  });

  it('replaces entities instead of mutating them: a view taken earlier keeps its moment', () => {
    const catalog = fold(...program);
    const before = catalog.findCampaign('c1')!;
    const codeBefore = catalog.findCode('SUMMER10')!;
    catalog.apply('CampaignClosed', { campaignId: 'c1', at: at(5) });
    catalog.apply('CodeDeactivated', { codeId: 'x', code: 'SUMMER10', at: at(5) });
    expect(before.statusHistory).toHaveLength(2);
    expect(codeBefore.deactivatedAt).toBeUndefined();
    expect(catalog.findCampaign('c1')!.statusHistory).toHaveLength(3);
    expect(catalog.findCode('SUMMER10')!.deactivatedAt).toBe(at(5));
  });

  it('ignores events for entities it never saw created (orphans) without changing anything', () => {
    const catalog = fold(...program);
    expect(catalog.apply('CampaignActivated', { campaignId: 'nope', at: at(1) })).toBe('orphan');
    expect(catalog.apply('InfluencerSuspended', { influencerId: 'nope', reasonCode: 'x', at: at(1) })).toBe('orphan');
    expect(catalog.apply('CodeDeactivated', { codeId: 'x', code: 'NOPE', at: at(1) })).toBe('orphan');
    expect(catalog.counts()).toEqual({ campaigns: 1, codes: 1, influencers: 1 });
  });
});
