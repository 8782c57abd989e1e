// Proves ApplyCode's answers (valid, discount, every refusal reason) from a fixed in-memory catalog at fixed times.
import type { Channel } from '@ledger/contracts';
import { catalogOf } from './catalog.view';
import { validateCode, type CodeValidation } from './code-validation';
import { campaign, code, day, influencer, rulesWith } from './testing/attribution.fixtures';

describe('validateCode', () => {
  const rules = rulesWith({
    channels: ['ecommerce', 'pos'],
    channelOverrides: { ecommerce: { discount: { type: 'percent', rateBps: 1500 } } },
    endsAt: day(40),
  });
  const catalog = catalogOf({
    campaigns: [
      campaign('cmp-summer', rules, { statusChanges: [{ status: 'active', at: day(0) }, { status: 'paused', at: day(20) }] }),
    ],
    codes: [
      code('SUMMER', 'cmp-summer', 'inf-anna', 'coupon', { discount: { type: 'fixed', amount: { amount: 500, currency: 'EUR' } } }),
      code('WEBONLY', 'cmp-summer', 'inf-anna', 'coupon', { channels: ['ecommerce'] }),
      code('MARKET', 'cmp-summer', 'inf-anna', 'coupon', { channels: ['marketplace'] }),
      code('LATER', 'cmp-summer', 'inf-anna', 'coupon', { validFrom: day(5) }),
      code('SHORT', 'cmp-summer', 'inf-anna', 'coupon', { validUntil: day(3) }),
      code('GONE', 'cmp-summer', 'inf-anna', 'coupon', { deactivatedAt: day(2) }),
      code('BEN', 'cmp-summer', 'inf-ben', 'coupon'),
    ],
    influencers: [influencer('inf-anna'), influencer('inf-ben', { statusChanges: [{ status: 'suspended', at: day(1) }] })],
  });

  const when = (value: string, channel: Channel, at: string): CodeValidation => validateCode(catalog, value, channel, at);

  it('accepts a valid code and gives the campaign discount override for the channel', () => {
    expect(when('SUMMER', 'ecommerce', day(4))).toEqual({
      valid: true,
      code: 'SUMMER',
      kind: 'coupon',
      campaignId: 'cmp-summer',
      influencerId: 'inf-anna',
      rulesVersion: 1,
      discount: { type: 'percent', rateBps: 1500 },
    });
  });

  it("gives the code's own discount where the channel has no override, and none when neither has one", () => {
    expect(when('SUMMER', 'pos', day(4))).toMatchObject({ valid: true, discount: { type: 'fixed', amount: { amount: 500, currency: 'EUR' } } });
    expect(when('WEBONLY', 'ecommerce', day(4))).toMatchObject({ valid: true, discount: { type: 'percent', rateBps: 1500 } });
    const bare = when('LATER', 'pos', day(6));
    expect(bare.valid).toBe(true);
    expect(bare).not.toHaveProperty('discount');
  });

  it.each([
    ['an unknown code', 'NOPE', 'ecommerce', day(4), 'unknown_code'],
    ['a deactivated code', 'GONE', 'ecommerce', day(2), 'inactive'],
    ['a code before validFrom', 'LATER', 'ecommerce', day(5, -1), 'not_yet_valid'],
    ['a code issued later', 'SUMMER', 'ecommerce', day(-31), 'not_yet_valid'],
    ['a code after validUntil', 'SHORT', 'ecommerce', day(3, 1), 'expired'],
    ['a code outside its channels (scenario 3: POS)', 'WEBONLY', 'pos', day(4), 'channel_not_eligible'],
    ['a channel the campaign does not have', 'SUMMER', 'wholesale', day(4), 'channel_not_eligible'],
    ['a code channel the campaign does not have', 'MARKET', 'marketplace', day(4), 'channel_not_eligible'],
    ['a paused campaign', 'SUMMER', 'ecommerce', day(20), 'campaign_inactive'],
    ['a campaign before activation', 'SUMMER', 'ecommerce', day(0, -1), 'campaign_inactive'],
    ['a suspended influencer', 'BEN', 'ecommerce', day(4), 'influencer_inactive'],
  ] as const)('refuses %s', (_name, value, channel, at, reason) => {
    expect(when(value, channel, at)).toMatchObject({ valid: false, reason });
  });

  it('refuses outside the campaign period even while active', () => {
    const ended = catalogOf({
      campaigns: [campaign('cmp', rulesWith({ endsAt: day(10) }))],
      codes: [code('C', 'cmp', 'inf-anna')],
      influencers: [influencer('inf-anna')],
    });
    expect(validateCode(ended, 'C', 'ecommerce', day(10))).toMatchObject({ valid: true });
    expect(validateCode(ended, 'C', 'ecommerce', day(10, 1))).toEqual({
      valid: false,
      reason: 'campaign_inactive',
      code: 'C',
      campaignId: 'cmp',
      influencerId: 'inf-anna',
    });
  });

  describe('in business time: explicit starts may lie before the manager recorded them', () => {
    const timeline = [
      { status: 'active' as const, at: day(0) },
      { status: 'paused' as const, at: day(5) },
      { status: 'active' as const, at: day(8) },
    ];
    const backfill = catalogOf({
      campaigns: [
        campaign('cmp-backfill', rulesWith({ startsAt: day(-120) }), { statusChanges: timeline }),
        campaign('cmp-default', rulesWith(), { statusChanges: timeline }),
        campaign('cmp-draft', rulesWith({ startsAt: day(-120) }), { statusChanges: [] }),
      ],
      codes: [
        code('EARLY', 'cmp-backfill', 'inf-anna', 'coupon', { issuedAt: day(1), validFrom: day(-120) }),
        code('PLAIN', 'cmp-backfill', 'inf-anna', 'coupon', { issuedAt: day(1) }),
        code('DEFAULT', 'cmp-default', 'inf-anna', 'coupon', { issuedAt: day(-60) }),
        code('DRAFT', 'cmp-draft', 'inf-anna', 'coupon', { issuedAt: day(-60), validFrom: day(-120) }),
      ],
      influencers: [influencer('inf-anna', { statusChanges: [] })],
    });
    const at = (value: string, when: string) => validateCode(backfill, value, 'ecommerce', when);

    it.each([
      ['a backfilled code at its validFrom, before it was issued and before the activation', 'EARLY', day(-120), true],
      ['a backfilled code 1 ms before its validFrom', 'EARLY', day(-120, -1), 'not_yet_valid'],
      ['a code without validFrom 1 ms before it was issued', 'PLAIN', day(1, -1), 'not_yet_valid'],
      ['a code without validFrom exactly when it was issued', 'PLAIN', day(1), true],
      ['a backfilled code exactly when the campaign was paused', 'EARLY', day(5), 'campaign_inactive'],
      ['a backfilled code exactly at the reactivation', 'EARLY', day(8), true],
      ['a code of a campaign without startsAt 1 ms before the activation', 'DEFAULT', day(0, -1), 'campaign_inactive'],
      ['a code of a campaign without startsAt exactly at the activation', 'DEFAULT', day(0), true],
      ['a code of a campaign never activated, inside its startsAt', 'DRAFT', day(-10), 'campaign_inactive'],
    ] as const)('%s', (_name, value, when, expected) => {
      expect(at(value, when)).toMatchObject(expected === true ? { valid: true } : { valid: false, reason: expected });
    });
  });
});
