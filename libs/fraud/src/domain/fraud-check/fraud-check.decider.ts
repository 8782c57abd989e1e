// One order's check (fraudcheck-<org>.<orderId>): the rules judge the order once; the outcome, with one
// finding per flag to raise, is the earning's `fraudCheck` evidence. A re-run decides nothing new.
import type { DomainEvent, FraudFinding } from '@ledger/contracts';
import { deterministicId, ValidationFailed, type Decider } from '@ledger/kernel';
import { instantProblems, textProblems } from '../shared-checks';
import { runFraudRules, type FraudSettings, type OrderUnderCheck } from '../fraud-rules/fraud-rules';

export type CheckOrder = { type: 'CheckOrder'; data: { org: string; order: OrderUnderCheck; settings: FraudSettings; at: string } };
export type FraudCheckEvent = DomainEvent<'FraudCheckCompleted'>;
export type FraudCheckState = { completed: false } | { completed: true; result: 'clear' | 'flagged'; findings: FraudFinding[] };

/** One flag per (order, rule, influencer): the same finding on a re-run is the same flag. */
export function flagIdOf(org: string, orderId: string, rule: string, influencerId: string): string {
  return deterministicId(org, 'fraud-flag', orderId, rule, influencerId);
}

function decide(command: CheckOrder, state: FraudCheckState): FraudCheckEvent[] {
  if (state.completed) return [];
  const { org, order, settings, at } = command.data;
  const problems = [...textProblems('order.orderId', order.orderId, 200), ...textProblems('order.winner.influencerId', order.winner.influencerId, 200), ...instantProblems('at', at)];
  if (problems.length > 0) throw new ValidationFailed(problems);
  const outcome = runFraudRules(order, settings);
  const findings: FraudFinding[] = outcome.findings.map((f) => ({ flagId: flagIdOf(org, order.orderId, f.rule, f.influencerId), ...f }));
  return [
    {
      type: 'FraudCheckCompleted',
      data: {
        orderId: order.orderId,
        influencerId: order.winner.influencerId,
        rulesRun: outcome.rulesRun,
        result: findings.length > 0 ? 'flagged' : 'clear',
        flagIds: findings.map((f) => f.flagId),
        findings,
        at,
      },
    },
  ];
}

function evolve(state: FraudCheckState, event: DomainEvent): FraudCheckState {
  if (event.type !== 'FraudCheckCompleted' || state.completed) return state;
  return { completed: true, result: event.data.result, findings: event.data.findings };
}

export const fraudCheckDecider: Decider<CheckOrder, FraudCheckEvent, FraudCheckState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ completed: false }),
};
