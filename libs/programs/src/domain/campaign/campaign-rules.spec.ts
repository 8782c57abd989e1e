// Proves validateCampaignRules reports every semantic problem with its field path and accepts valid rules; table-driven.
import type { FieldProblem } from '@ledger/kernel';
import { validRules } from '../testing/fixtures';
import { validateCampaignRules, withRuleDefaults, type CampaignRulesInput } from './campaign-rules';

const fieldsOf = (problems: FieldProblem[]): string[] => problems.map((p) => p.field);

describe('validateCampaignRules', () => {
  it('accepts valid rules, with and without the optional parts', () => {
    expect(validateCampaignRules(validRules())).toEqual([]);
    const full = validRules({
      attribution: { model: 'coupon', windowDays: 365, precedence: 10 },
      channels: ['ecommerce', 'pos', 'marketplace'],
      channelOverrides: {
        pos: { windowDays: 1, discount: { type: 'fixed', amount: { amount: 500, currency: 'EUR' } }, earnings: { type: 'fixed', amount: { amount: 300, currency: 'EUR' } } },
        ecommerce: { discount: { type: 'percent', rateBps: 1_500 } },
      },
      exclusions: { skus: ['GIFT-CARD'], categories: ['tobacco'] },
      earnings: { type: 'tiered', basis: 'revenue', tiers: [{ from: 0, rateBps: 500 }, { from: 100_000, rateBps: 800 }] },
      bonuses: [{ type: 'threshold', basis: 'orders', threshold: 10, amount: { amount: 2_000, currency: 'EUR' } }],
      caps: { perOrder: { amount: 10_000, currency: 'EUR' }, perMonth: { amount: 100_000, currency: 'EUR' } },
      referralLevels: [{ level: 2, rateBps: 1_000 }, { level: 5, rateBps: 100 }],
      holdDays: 0,
      lockDays: 3650,
      startsAt: '2026-01-01T00:00:00+01:00',
      endsAt: '2026-12-31T23:59:59Z',
      landingUrl: 'https://shop.example/summer',
    });
    expect(validateCampaignRules(full)).toEqual([]);
  });

  const cases: Array<[string, Partial<CampaignRulesInput>, string[]]> = [
    ['window of 0 days', { attribution: { model: 'last_touch', windowDays: 0 } }, ['attribution.windowDays']],
    ['window beyond the maximum', { attribution: { model: 'last_touch', windowDays: 366 } }, ['attribution.windowDays']],
    ['fractional window', { attribution: { model: 'last_touch', windowDays: 1.5 } }, ['attribution.windowDays']],
    ['unknown model', { attribution: { model: 'random' as never, windowDays: 7 } }, ['attribution.model']],
    ['fractional precedence', { attribution: { model: 'qr', windowDays: 7, precedence: 0.5 } }, ['attribution.precedence']],
    ['no channel', { channels: [] }, ['channels']],
    ['unknown channel', { channels: ['ecommerce', 'teleshop' as never] }, ['channels[1]']],
    ['channel twice', { channels: ['pos', 'pos'] }, ['channels']],
    ['override of an unlisted channel', { channelOverrides: { wholesale: { windowDays: 3 } } }, ['channelOverrides.wholesale']],
    ['override with a bad window and discount', { channelOverrides: { pos: { windowDays: 0, discount: { type: 'percent', rateBps: 10_001 } } } }, ['channelOverrides.pos.windowDays', 'channelOverrides.pos.discount.rateBps']],
    ['override with a bad earnings rule', { channelOverrides: { pos: { earnings: { type: 'percent', rateBps: -1 } } } }, ['channelOverrides.pos.earnings.rateBps']],
    ['blank excluded sku', { exclusions: { skus: [' '] } }, ['exclusions.skus[0]']],
    ['rate above 100 %', { earnings: { type: 'percent', rateBps: 10_001 } }, ['earnings.rateBps']],
    ['fixed amount of zero', { earnings: { type: 'fixed', amount: { amount: 0, currency: 'EUR' } } }, ['earnings.amount.amount']],
    ['fixed amount with a bad currency', { earnings: { type: 'fixed', amount: { amount: 100, currency: 'eur' } } }, ['earnings.amount.currency']],
    ['tiers not starting at 0', { earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 1, rateBps: 100 }] } }, ['earnings.tiers[0].from']],
    ['tiers not ascending', { earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 0, rateBps: 100 }, { from: 5, rateBps: 200 }, { from: 5, rateBps: 300 }] } }, ['earnings.tiers[2].from']],
    ['no tier', { earnings: { type: 'tiered', basis: 'orders', tiers: [] } }, ['earnings.tiers']],
    ['tier with a bad rate and basis', { earnings: { type: 'tiered', basis: 'clicks' as never, tiers: [{ from: 0, rateBps: 20_000 }] } }, ['earnings.basis', 'earnings.tiers[0].rateBps']],
    ['unknown earnings type', { earnings: { type: 'share' } as never }, ['earnings.type']],
    ['bonus with a zero threshold', { bonuses: [{ type: 'threshold', basis: 'orders', threshold: 0, amount: { amount: 100, currency: 'EUR' } }] }, ['bonuses[0].threshold']],
    ['negative cap', { caps: { perOrder: { amount: -5, currency: 'EUR' } } }, ['caps.perOrder.amount']],
    ['fractional monthly cap', { caps: { perMonth: { amount: 10.5, currency: 'EUR' } } }, ['caps.perMonth.amount']],
    ['referral level 1', { referralLevels: [{ level: 1, rateBps: 100 }] }, ['referralLevels[0].level']],
    ['referral level beyond the maximum', { referralLevels: [{ level: 6, rateBps: 100 }] }, ['referralLevels[0].level']],
    ['referral level twice', { referralLevels: [{ level: 2, rateBps: 100 }, { level: 2, rateBps: 50 }] }, ['referralLevels[1].level']],
    ['negative hold days', { holdDays: -1 }, ['holdDays']],
    ['lock days beyond ten years', { lockDays: 3651 }, ['lockDays']],
    ['fractional hold days', { holdDays: 0.5 }, ['holdDays']],
    ['zero minimum payout', { minPayout: { amount: 0, currency: 'EUR' } }, ['minPayout.amount']],
    ['start after end', { startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' }, ['endsAt']],
    ['start equal to end', { startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-02-01T01:00:00+01:00' }, ['endsAt']],
    ['time without offset', { startsAt: '2026-02-01T00:00:00' }, ['startsAt']],
    ['landing url of another scheme', { landingUrl: 'javascript:alert(1)' }, ['landingUrl']],
    ['landing url that is no url', { landingUrl: 'shop' }, ['landingUrl']],
  ];
  it.each(cases)('reports %s', (_name, overrides, fields) => {
    expect(fieldsOf(validateCampaignRules(validRules(overrides)))).toEqual(fields);
  });

  it('reports every problem of a body at once, under a prefix when asked', () => {
    const problems = validateCampaignRules(validRules({ holdDays: -1, lockDays: -1, channels: [] }), 'rules');
    expect(fieldsOf(problems)).toEqual(['rules.channels', 'rules.holdDays', 'rules.lockDays']);
    expect(problems.every((p) => p.problem.length > 0)).toBe(true);
  });

  it('reports a wrong shape instead of crashing', () => {
    expect(fieldsOf(validateCampaignRules({} as CampaignRulesInput))).toEqual([
      'attribution.model',
      'attribution.windowDays',
      'channels',
      'earnings',
      'holdDays',
      'lockDays',
      'minPayout',
    ]);
  });
});

describe('withRuleDefaults', () => {
  it('makes every optional part explicit and leaves absent times absent', () => {
    expect(withRuleDefaults(validRules())).toEqual({
      attribution: { model: 'last_touch', windowDays: 14, precedence: 0 },
      channels: ['ecommerce', 'pos'],
      channelOverrides: {},
      exclusions: { skus: [], categories: [] },
      earnings: { type: 'percent', rateBps: 1_000 },
      bonuses: [],
      caps: {},
      referralLevels: [],
      holdDays: 30,
      lockDays: 60,
      minPayout: { amount: 5_000, currency: 'EUR' },
    });
    expect('startsAt' in withRuleDefaults(validRules())).toBe(false);
  });
});
