// Proves currencies are checked against the ISO 4217 list, not a pattern.
import { ISO_CURRENCIES, isIsoCurrency } from './currency';

describe('isIsoCurrency', () => {
  it.each(['EUR', 'USD', 'JPY', 'CHF', 'BHD', 'XAU'])('takes %s', (code) => expect(isIsoCurrency(code)).toBe(true));
  it.each(['ABC', 'XYZ', 'QQQ', 'eur', 'EURO', 'EU', '', ' EUR', 'XXX', 'XTS', 42, null, undefined])('refuses %p', (code) => expect(isIsoCurrency(code)).toBe(false));
  it('holds the whole list', () => expect(ISO_CURRENCIES.size).toBeGreaterThan(150));
});
