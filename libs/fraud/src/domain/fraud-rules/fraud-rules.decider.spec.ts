// Proves the org's fraud rule settings: defaults (all four rules, 50 orders/hour), a change switches rules and the threshold and keeps the rest, bad values are refused naming fields; given/when/then.
import { DeciderSpecification, ValidationFailed } from '@ledger/kernel';
import { fraudRulesDecider } from './fraud-rules.decider';

const spec = DeciderSpecification.for(fraudRulesDecider);
const NOW = '2026-03-02T09:00:00.000Z';
const ALL_ON = { self_referral: true, duplicate_claim: true, velocity: true, channel_misuse: true };

describe('fraud rules', () => {
  it('starts from the defaults: every rule on, 50 orders per hour', () => {
    expect(fraudRulesDecider.initialState().settings).toEqual({ enabled: ALL_ON, velocityPerHour: 50 });
  });

  it('a change states the whole settings: what it names changes, the rest stays', () => {
    const first = { type: 'FraudRulesSet' as const, data: { enabled: { ...ALL_ON, velocity: false }, velocityPerHour: 50, at: NOW } };
    spec.given([]).when({ type: 'SetFraudRules', data: { enabled: { velocity: false }, now: NOW } }).then([first]);
    spec
      .given([first])
      .when({ type: 'SetFraudRules', data: { velocityPerHour: 5, reasonCode: 'flash_sale_watch', now: NOW } })
      .then([{ type: 'FraudRulesSet', data: { enabled: { ...ALL_ON, velocity: false }, velocityPerHour: 5, reasonCode: 'flash_sale_watch', at: NOW } }]);
  });

  it('refuses unknown rules and a threshold below 1, naming the fields', () => {
    spec
      .given([])
      .when({ type: 'SetFraudRules', data: { enabled: { magic: true } as never, velocityPerHour: 0, now: NOW } })
      .thenThrows((e) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(['enabled.magic', 'velocityPerHour']));
  });
});
