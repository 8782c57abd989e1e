// The share link of a code (docs/adr/0004-share-links.md): GET /r/<CODE>?o=<org>.
import { LIMITS } from '@ledger/kernel';

const ORG = new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.checkout.shareLinkOrgChars}}$`);

/** The path (with query) to append to the public base URL, e.g. `/r/SUMMER10?o=acme`. */
export function shareLinkPath(org: string, code: string): string {
  return `/r/${encodeURIComponent(code)}?o=${encodeURIComponent(org)}`;
}

export function isShareLinkOrg(value: unknown): value is string {
  return typeof value === 'string' && ORG.test(value);
}

/** Only http(s) landing pages are followed: a stored `javascript:` URL must never become a redirect. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
