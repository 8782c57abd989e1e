// The first-party cookie that carries an anonymous customer ref from a share-link click to checkout.
import { LIMITS } from '@ledger/kernel';

export const CUSTOMER_COOKIE = 'inf_cid';

/** The customer ref in `inf_cid`, if the Cookie header carries a usable one. */
export function customerRefFromCookie(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const pair of header.slice(0, LIMITS.checkout.cookieHeaderChars).split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== CUSTOMER_COOKIE) continue;
    const value = decoded(pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    return value !== undefined && isCustomerRef(value) ? value : undefined;
  }
  return undefined;
}

/**
 * HttpOnly (page scripts need not read it; the shop's server does), SameSite=Lax (sent on the
 * top-level navigation from the influencer's post), Secure when the request came over https.
 */
export function customerCookie(customerRef: string, secure: boolean): string {
  const maxAgeSeconds = LIMITS.checkout.customerCookieMaxAgeDays * 86_400;
  return `${CUSTOMER_COOKIE}=${encodeURIComponent(customerRef)}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function isCustomerRef(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return value.length >= 1 && value.length <= LIMITS.checkout.customerRefChars && /\S/.test(value) && !/[\u0000-\u001f\u007f]/.test(value);
}

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined; // malformed %-escape: treat as no cookie, a new one is set
  }
}
