// ISO 4217 as a maintained list (npm currency-codes, from the ISO maintenance agency's file), not
// a pattern: `ABC` has three letters and no exchange rate, and would split a balance for good.
import { codes } from 'currency-codes';

/** Codes that name no money: XXX ("no currency") and XTS (reserved for testing). */
const NOT_MONEY = new Set(['XXX', 'XTS']);

export const ISO_CURRENCIES: ReadonlySet<string> = new Set(codes().filter((code) => !NOT_MONEY.has(code)));

export const ISO_CURRENCY_PROBLEM = 'must be an ISO 4217 currency code such as EUR';

export function isIsoCurrency(value: unknown): value is string {
  return typeof value === 'string' && ISO_CURRENCIES.has(value);
}
