// The attribution context's public surface.
export * from './domain';
export * from './catalog';
// Builders for tests and benchmarks (like @ledger/kernel's testing helpers).
export * from './testing';
export * from './checkout-http.module';
export { shareLinkPath } from './commands/follow-share-link/share-link';
export { CUSTOMER_COOKIE } from './commands/follow-share-link/customer-cookie';
export { signShareLinkCid, type SignedCid } from './commands/follow-share-link/share-link-signature';
export { SHARE_LINK_RATE_BOUNDS, type ShareLinkRateBounds } from './commands/follow-share-link/share-link-rate-limiter';
