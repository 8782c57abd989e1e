import type { ClawbackPolicy, DomainEvent, PayoutPolicy, PolicySet } from '@ledger/contracts';
import { assert, assertNever, Conflict, Forbidden, isIsoCurrency, LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';

/** The org's payout and clawback policy; version 0 = never set (each part then has no org-wide rule). */
export interface PolicyState {
  version: number;
  policy: PolicySet['policy'];
}

export type PolicyCommand = {
  type: 'SetPolicy';
  data: { payout?: PayoutPolicy; clawback?: ClawbackPolicy; by: { actorId: string; roles: readonly string[] }; now: string };
};

export type PolicyEvent = DomainEvent<'PolicySet'>;

/**
 * Payout and clawback policies are the primary owner's (seed 000): only inf_owner sets them, even
 * an admin may not. A part left out keeps its value; setting the same policy again records nothing.
 */
export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = {
  initialState: () => ({ version: 0, policy: {} }),

  decide(command, state) {
    switch (command.type) {
      case 'SetPolicy': {
        const { payout, clawback, by, now } = command.data;
        if (!by.roles.includes('inf_owner')) throw new Forbidden('GOVERNANCE.OWNER_ONLY_POLICY', 'Only the primary owner (inf_owner) sets payout and clawback policies.');
        const problems = policyProblems(payout, clawback);
        if (problems.length > 0) throw new ValidationFailed(problems);
        const policy = { ...state.policy, ...(payout ? { payout } : {}), ...(clawback ? { clawback } : {}) };
        if (sameJson(policy, state.policy)) return [];
        if (state.version >= LIMITS.governance.policyChanges) {
          throw new Conflict('GOVERNANCE.POLICY_CHANGES_EXHAUSTED', `This org's policy has changed ${state.version} times, the most it may (LIMITS.governance.policyChanges).`);
        }
        const changed = [...(payout ? (['payout'] as const) : []), ...(clawback ? (['clawback'] as const) : [])];
        return [{ type: 'PolicySet', data: { policy, changed, version: state.version + 1, setBy: by.actorId, at: now } }];
      }
      default:
        return assertNever(command.type, 'unknown policy command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PolicySet':
        assert(event.data.version === state.version + 1, 'policy versions follow each other');
        return { version: event.data.version, policy: event.data.policy };
      default:
        return assertNever(event.type, 'unknown policy event');
    }
  },
};

function policyProblems(payout: PayoutPolicy | undefined, clawback: ClawbackPolicy | undefined): FieldProblem[] {
  if (!payout && !clawback) return [{ field: 'payout', problem: 'payout or clawback is required' }];
  const problems: FieldProblem[] = [];
  if (payout) {
    const entries = Object.entries(payout.minPayoutByCurrency);
    if (entries.length > LIMITS.governance.policyCurrencies) problems.push({ field: 'payout.minPayoutByCurrency', problem: `at most ${LIMITS.governance.policyCurrencies} currencies` });
    for (const [currency, money] of entries) {
      const field = `payout.minPayoutByCurrency.${currency}`;
      if (!isIsoCurrency(currency)) problems.push({ field, problem: 'the key must be an ISO 4217 currency code' });
      if (money.currency !== currency) problems.push({ field: `${field}.currency`, problem: `must be ${currency}, the key it is listed under` });
      if (!Number.isSafeInteger(money.amount) || money.amount < 0 || money.amount > LIMITS.domain.moneyMinorMax) {
        problems.push({ field: `${field}.amount`, problem: `must be an integer of minor units from 0 to ${LIMITS.domain.moneyMinorMax}` });
      }
    }
  }
  return problems;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  return value;
}
