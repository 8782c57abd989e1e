// Proves the policy decider given/when/then: the primary owner only, parts merged (a part left out keeps its
// value), the same policy again records nothing, and invalid minimums are refused naming their field.
import { DeciderSpecification, Forbidden, ValidationFailed } from '@ledger/kernel';
import { policyDecider, type PolicyCommand } from './policy.decider';

const spec = DeciderSpecification.for(policyDecider);
const NOW = '2026-06-01T12:00:00.000Z';
const owner = { actorId: 'olga', roles: ['inf_owner'] };
const payout = { schedule: 'monthly' as const, minPayoutByCurrency: { EUR: { amount: 5_000, currency: 'EUR' } } };
const set = (data: Partial<PolicyCommand['data']>): PolicyCommand => ({ type: 'SetPolicy', data: { by: owner, now: NOW, ...data } });
const payoutSet = { type: 'PolicySet' as const, data: { policy: { payout }, changed: ['payout' as const], version: 1, setBy: 'olga', at: NOW } };

it('the owner sets the payout policy: version 1', () => {
  spec.given([]).when(set({ payout })).then([payoutSet]);
});

it('an admin may not, nor anyone else: 403', () => {
  spec.given([]).when(set({ payout, by: { actorId: 'adam', roles: ['inf_admin'] } })).thenThrows(Forbidden, 'GOVERNANCE.OWNER_ONLY_POLICY');
  spec.given([]).when(set({ payout, by: { actorId: 'fin', roles: ['inf_finance', 'inf_admin'] } })).thenThrows(Forbidden, 'GOVERNANCE.OWNER_ONLY_POLICY');
});

it('setting the clawback part keeps the payout part', () => {
  spec
    .given([payoutSet])
    .when(set({ clawback: { afterPaid: 'write_off' } }))
    .then([{ type: 'PolicySet', data: { policy: { payout, clawback: { afterPaid: 'write_off' } }, changed: ['clawback'], version: 2, setBy: 'olga', at: NOW } }]);
});

it('the same policy again records nothing', () => {
  spec.given([payoutSet]).when(set({ payout: { schedule: 'monthly', minPayoutByCurrency: { EUR: { amount: 5_000, currency: 'EUR' } } } })).then([]);
});

it('neither part: 400', () => {
  spec.given([]).when(set({})).thenThrows(ValidationFailed);
});

it('a minimum filed under another currency, or negative: 400 naming the field', () => {
  spec
    .given([])
    .when(set({ payout: { schedule: 'weekly', minPayoutByCurrency: { EUR: { amount: -1, currency: 'USD' } } } }))
    .thenThrows((error) => error instanceof ValidationFailed && JSON.stringify(error.errors) === JSON.stringify([
      { field: 'payout.minPayoutByCurrency.EUR.currency', problem: 'must be EUR, the key it is listed under' },
      { field: 'payout.minPayoutByCurrency.EUR.amount', problem: 'must be an integer of minor units from 0 to 1000000000000' },
    ]));
});
