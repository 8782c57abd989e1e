// The SCM facts the orders e2e specs send: one order of two lines carrying a code, and a return of some of its lines.
let seq = 0;
/** An id unique within a test run (specs share one database per file, not per test). */
export const uniq = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;

export function order(orderId: string, sourceRef = `scm-${orderId}`) {
  return {
    sourceRef,
    orderId,
    channel: 'ecommerce',
    customerRef: 'cust-1',
    occurredAt: '2026-03-01T10:00:00.000Z',
    currency: 'EUR',
    lines: [
      { lineId: 'l1', sku: 'TEE', category: 'apparel', quantity: 3, unitPrice: 2_000, discount: 500 },
      { lineId: 'l2', sku: 'CAP', quantity: 1, unitPrice: 1_500 },
    ],
    codes: ['ANNA10'],
  };
}

export const returnOf = (orderId: string, returnId: string, lines: Array<{ lineId: string; quantity: number }>) => ({
  sourceRef: `scm-${orderId}-${returnId}`,
  orderId,
  returnId,
  occurredAt: '2026-03-05T10:00:00.000Z',
  lines,
});
