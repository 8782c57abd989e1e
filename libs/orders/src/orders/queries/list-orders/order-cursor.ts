// Keyset pagination of order/list: newest first on (sort_at, order_id). The cursor carries the
// last key of the page; sort_at travels as PostgreSQL's own ISO text, so microseconds survive.
import { ValidationFailed } from '@ledger/kernel';

export type OrderPageKey = { at: string; orderId: string };

export function encodeOrderCursor(key: OrderPageKey): string {
  return Buffer.from(JSON.stringify([key.at, key.orderId]), 'utf8').toString('base64url');
}

export function decodeOrderCursor(cursor: string): OrderPageKey {
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // reported below
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'string' || !Number.isFinite(Date.parse(decoded[0]))) {
    throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor from a previous answer of order/list' }]);
  }
  return { at: decoded[0], orderId: decoded[1] };
}
