// Fixed ids, times and a valid rules document for the programs specs. Test-only.
import type { CampaignRulesInput } from '../campaign/campaign-rules';

export const T0 = '2026-03-01T10:00:00.000Z';
export const T1 = '2026-03-02T10:00:00.000Z';
export const T2 = '2026-03-03T10:00:00.000Z';

export function validRules(overrides: Partial<CampaignRulesInput> = {}): CampaignRulesInput {
  return {
    attribution: { model: 'last_touch', windowDays: 14 },
    channels: ['ecommerce', 'pos'],
    earnings: { type: 'percent', rateBps: 1_000 },
    holdDays: 30,
    lockDays: 60,
    minPayout: { amount: 5_000, currency: 'EUR' },
    ...overrides,
  };
}
