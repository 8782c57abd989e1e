// The org's rule settings (fraudrules-<org>.rules): each change is the whole settings, so the stream's
// last event is what the process manager applies. Bounded by LIMITS.fraud.ruleChangesPerOrg.
import { FRAUD_RULES, type DomainEvent, type FraudRule } from '@ledger/contracts';
import { LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import { FraudRuleChangesLimitReached } from '../fraud.errors';
import { instantProblems, textProblems } from '../shared-checks';
import { DEFAULT_FRAUD_SETTINGS, type FraudSettings } from './fraud-rules';

export type SetFraudRules = {
  type: 'SetFraudRules';
  data: { enabled?: Partial<Record<FraudRule, boolean>>; velocityPerHour?: number; reasonCode?: string; now: string };
};
export type FraudRulesEvent = DomainEvent<'FraudRulesSet'>;
export interface FraudRulesState {
  settings: FraudSettings;
  changes: number;
}

function decide(command: SetFraudRules, state: FraudRulesState): FraudRulesEvent[] {
  const { enabled = {}, velocityPerHour, reasonCode, now } = command.data;
  const problems: FieldProblem[] = [...instantProblems('now', now)];
  for (const rule of Object.keys(enabled)) {
    if (!(FRAUD_RULES as readonly string[]).includes(rule)) problems.push({ field: `enabled.${rule}`, problem: `is not a rule; rules are ${FRAUD_RULES.join(', ')}` });
    else if (typeof enabled[rule as FraudRule] !== 'boolean') problems.push({ field: `enabled.${rule}`, problem: 'must be true or false' });
  }
  if (velocityPerHour !== undefined && !(Number.isSafeInteger(velocityPerHour) && velocityPerHour >= 1 && velocityPerHour <= LIMITS.fraud.velocityPerHourMax)) {
    problems.push({ field: 'velocityPerHour', problem: `must be an integer from 1 to ${LIMITS.fraud.velocityPerHourMax}` });
  }
  if (reasonCode !== undefined) problems.push(...textProblems('reasonCode', reasonCode, LIMITS.fraud.reasonCodeChars));
  if (problems.length > 0) throw new ValidationFailed(problems);
  if (state.changes >= LIMITS.fraud.ruleChangesPerOrg) throw new FraudRuleChangesLimitReached(LIMITS.fraud.ruleChangesPerOrg);
  return [
    {
      type: 'FraudRulesSet',
      data: {
        enabled: { ...state.settings.enabled, ...enabled },
        velocityPerHour: velocityPerHour ?? state.settings.velocityPerHour,
        ...(reasonCode === undefined ? {} : { reasonCode }),
        at: now,
      },
    },
  ];
}

function evolve(state: FraudRulesState, event: DomainEvent): FraudRulesState {
  if (event.type !== 'FraudRulesSet') return state;
  return { settings: { enabled: { ...event.data.enabled }, velocityPerHour: event.data.velocityPerHour }, changes: state.changes + 1 };
}

export const fraudRulesDecider: Decider<SetFraudRules, FraudRulesEvent, FraudRulesState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ settings: DEFAULT_FRAUD_SETTINGS, changes: 0 }),
};
