// Proves campaign/update's partial replacement: given fields replace wholesale, absent ones carry over, null clears.
import { withRuleDefaults } from '../../../domain';
import { validRules } from '../../../domain/testing/fixtures';
import { patchedRules } from './campaign-rules-patch';

const current = withRuleDefaults(validRules({ endsAt: '2026-12-31T00:00:00Z', caps: { perOrder: { amount: 500, currency: 'EUR' } } }));

it('replaces the given fields wholesale and keeps the rest', () => {
  const next = patchedRules(current, { earnings: { type: 'fixed', amount: { amount: 300, currency: 'EUR' } }, holdDays: 7 });
  expect(next).toEqual({ ...current, earnings: { type: 'fixed', amount: { amount: 300, currency: 'EUR' } }, holdDays: 7 });
});

it('does not merge inside a field: a new attribution replaces the whole object', () => {
  const next = patchedRules(current, { attribution: { model: 'coupon', windowDays: 7 } });
  expect(next.attribution).toEqual({ model: 'coupon', windowDays: 7 });
});

it('clears optional fields given as null', () => {
  const next = patchedRules(current, { endsAt: null, caps: null });
  expect(next).not.toHaveProperty('endsAt');
  expect(next).not.toHaveProperty('caps');
  expect(withRuleDefaults(next).caps).toEqual({});
});

it('leaves the current rules untouched', () => {
  const before = JSON.stringify(current);
  patchedRules(current, { channels: ['pos'], endsAt: null });
  expect(JSON.stringify(current)).toBe(before);
});
