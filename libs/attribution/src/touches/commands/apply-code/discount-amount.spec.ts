// Proves the discount amount table: percent rounding half up, fixed capped at the subtotal, the subtotal's form kept, currency mismatch not applied.
import { discountAmountOf } from './discount-amount';

const percent = (rateBps: number) => ({ type: 'percent' as const, rateBps });
const fixed = (amount: number, currency = 'EUR') => ({ type: 'fixed' as const, amount: { amount, currency } });

it.each([
  ['10 % of 1999 (199.9 → 200)', percent(1_000), 1_999, { amount: 200 }],
  ['15 % of 1000 as Money', percent(1_500), { amount: 1_000, currency: 'EUR' }, { amount: { amount: 150, currency: 'EUR' } }],
  ['12.5 % of 1 (0.125 → 0)', percent(1_250), 1, { amount: 0 }],
  ['100 % of 500', percent(10_000), 500, { amount: 500 }],
  ['fixed 5.00 off 19.99', fixed(500), 1_999, { amount: 500 }],
  ['fixed 5.00 off 3.00 is capped', fixed(500), { amount: 300, currency: 'EUR' }, { amount: { amount: 300, currency: 'EUR' } }],
  ['fixed EUR off a USD cart', fixed(500), { amount: 1_000, currency: 'USD' }, { notApplied: 'currency_mismatch' }],
  ['anything off an empty cart', percent(1_000), 0, { amount: 0 }],
])('%s', (_name, discount, subtotal, expected) => {
  expect(discountAmountOf(discount, subtotal)).toEqual(expected);
});
