// The signature of a personalised share link (ADR 0011): `cid` counts only when the shop's backend
// signed it with SHARE_LINK_SECRET, for this code and org, until `exp`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LIMITS } from '@ledger/kernel';

export interface SignedCid {
  /** The code exactly as it appears in the link's path (after URL decoding). */
  code: string;
  org: string;
  cid: string;
  /** Unix seconds after which the link no longer names the customer. */
  exp: number;
}

/**
 * base64url(HMAC-SHA256(secret, "v1\n<code>\n<org>\n<cid>\n<exp>")): what the shop's backend puts in
 * `sig`. org, cid and exp cannot contain a newline, so the fields cannot be shifted into each other.
 */
export function signShareLinkCid(secret: string, link: SignedCid): string {
  return createHmac('sha256', secret).update(`v1\n${link.code}\n${link.org}\n${link.cid}\n${link.exp}`, 'utf8').digest('base64url');
}

export type CidVerdict = 'signed' | 'unsigned' | 'forged' | 'expired';

const SIG = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url without padding
const EXP = /^\d{1,12}$/;

/** Whether `cid` may name the visitor: only a valid signature over this very link, not yet expired. */
export function verifyShareLinkCid(secret: string, link: { code: string; org: string; cid: string; exp: unknown; sig: unknown }, nowMs: number): CidVerdict {
  if (link.exp === undefined && link.sig === undefined) return 'unsigned';
  if (typeof link.exp !== 'string' || !EXP.test(link.exp) || typeof link.sig !== 'string' || !SIG.test(link.sig)) return 'forged';
  const exp = Number(link.exp);
  const expected = Buffer.from(signShareLinkCid(secret, { code: link.code, org: link.org, cid: link.cid, exp }), 'base64url');
  if (!timingSafeEqual(expected, Buffer.from(link.sig, 'base64url'))) return 'forged';
  const nowSeconds = Math.floor(nowMs / 1_000);
  // A link valid for decades is a leaked credential for that customer: the bound applies to signed links too.
  if (exp <= nowSeconds || exp - nowSeconds > LIMITS.checkout.shareLinkSignatureMaxDays * 86_400) return 'expired';
  return 'signed';
}
