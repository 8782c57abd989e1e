// Pure: the clawbacks a decided order is due, as cumulative ClawBack commands.
import { reversalFacts, type OrderState } from '@ledger/orders';
import { clawbackDeltas } from '@ledger/ledger';
import type { ClawBack } from '@ledger/ledger';

export type DecidedOrder = Extract<OrderState, { status: 'decided' }>;

export interface PlannedClawBack {
  influencerId: string;
  command: ClawBack;
}

/**
 * For every earning of the decision, one command per return/cancellation that raises the
 * cumulative amount due. Order-independence lives here and in the decider: the cumulative amount
 * after all facts is a function of the SET of facts (per line floor(allocation × returned /
 * quantity), a cancellation takes all), the decider appends only `cumulative − clawed back so
 * far`, and a reference already applied adds nothing. So whatever order returns arrive in, and
 * however often, the earning ends with the same total clawed back.
 */
export function planClawbacks(order: DecidedOrder): PlannedClawBack[] {
  const facts = reversalFacts(order, order.order.orderId);
  if (facts.length === 0) return [];
  const planned: PlannedClawBack[] = [];
  for (const earning of order.decision.earnings) {
    for (const step of clawbackDeltas(earning.lineAllocations, facts)) {
      if (step.deltaMinor === 0) continue; // nothing due for this fact (other lines, or rounded to 0)
      planned.push({
        influencerId: earning.influencerId,
        command: {
          type: 'ClawBack',
          data: { earningId: earning.earningId, cumulative: step.cumulativeAfterMinor, reference: step.reference, occurredAt: businessTimeOf(order, step.reference) },
        },
      });
    }
  }
  return planned;
}

/** When the return or cancellation happened (its SCM business time). */
export function businessTimeOf(order: DecidedOrder | Extract<OrderState, { status: 'recorded' }>, reference: { kind: string; id: string }): string {
  if (reference.kind === 'cancellation') return order.cancellation?.occurredAt ?? order.order.occurredAt;
  return order.returns.find((r) => r.returnId === reference.id)?.occurredAt ?? order.order.occurredAt;
}
