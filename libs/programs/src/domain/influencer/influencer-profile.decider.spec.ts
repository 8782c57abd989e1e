// Proves the influencer profile decider: registration, active ⇄ suspended → terminated, every refusal, the stream's limit on status changes, and that ledger events of older streams are ignored; given/when/then.
import type { DomainEvent } from '@ledger/contracts';
import { Conflict, DeciderSpecification, LIMITS, NotFound, ValidationFailed } from '@ledger/kernel';
import { T0, T1 } from '../testing/fixtures';
import { influencerProfileDecider, type InfluencerProfileCommand, type InfluencerProfileEvent, type RegisteredStatus } from './influencer-profile.decider';

const spec = DeciderSpecification.for(influencerProfileDecider);
const id = 'inf-1';
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);

const registered: InfluencerProfileEvent = {
  type: 'InfluencerRegistered',
  data: { influencerId: id, name: 'Ana', email: 'ana@example.com', customerRefs: [], registeredAt: T0 },
};
const suspended: InfluencerProfileEvent = { type: 'InfluencerSuspended', data: { influencerId: id, reasonCode: 'kyc_pending', at: T0 } };
const terminated: InfluencerProfileEvent = { type: 'InfluencerTerminated', data: { influencerId: id, reasonCode: 'contract_ended', at: T0 } };
const history: Record<RegisteredStatus, InfluencerProfileEvent[]> = {
  active: [registered],
  suspended: [registered, suspended],
  terminated: [registered, terminated],
};

// Ledger events interleaved with profile events on influencer streams written before ADR 0009.
const accrued = { type: 'EarningAccrued', data: { earningId: 'e-1' } } as DomainEvent;

describe('influencer profile decider', () => {
  describe('RegisterInfluencer', () => {
    it('registers an active influencer, normalising email and customer refs', () => {
      spec
        .given([])
        .when({
          type: 'RegisterInfluencer',
          data: { influencerId: id, name: ' Ana ', email: ' Ana@Example.COM', customerRefs: ['cust-9', ' cust-9 ', 'cust-7'], tier: 'gold', parentId: 'inf-0', now: T0 },
        })
        .then([
          {
            type: 'InfluencerRegistered',
            data: { influencerId: id, name: 'Ana', email: 'ana@example.com', customerRefs: ['cust-9', 'cust-7'], tier: 'gold', parentId: 'inf-0', registeredAt: T0 },
          },
        ]);
    });

    it('defaults customer refs to none', () => {
      spec.given([]).when({ type: 'RegisterInfluencer', data: { influencerId: id, name: 'Ana', email: 'ana@example.com', now: T0 } }).then([registered]);
    });

    it('refuses an influencer who is their own parent', () => {
      spec
        .given([])
        .when({ type: 'RegisterInfluencer', data: { influencerId: id, name: 'Ana', email: 'ana@example.com', parentId: id, now: T0 } })
        .thenThrows(fieldsAre(['parentId']));
    });

    it('refuses a bad name, email, customer ref and tier, listing each', () => {
      spec
        .given([])
        .when({ type: 'RegisterInfluencer', data: { influencerId: id, name: '', email: 'ana@', customerRefs: [''], tier: ' ', now: T0 } })
        .thenThrows(fieldsAre(['name', 'email', 'customerRefs[0]', 'tier']));
    });

    it('refuses a second registration', () => {
      spec.given([registered]).when({ type: 'RegisterInfluencer', data: { influencerId: id, name: 'Ana', email: 'ana@example.com', now: T1 } }).thenThrows(Conflict, 'INFLUENCER.ALREADY_REGISTERED');
    });

    it('registers on a stream that somehow already holds ledger events', () => {
      spec.given([accrued]).when({ type: 'RegisterInfluencer', data: { influencerId: id, name: 'Ana', email: 'ana@example.com', now: T0 } }).then([registered]);
    });
  });

  describe('status transitions: active ⇄ suspended → terminated', () => {
    type Action = 'SuspendInfluencer' | 'ReactivateInfluencer' | 'TerminateInfluencer';
    const command = (type: Action): InfluencerProfileCommand => ({ type, data: { influencerId: id, reasonCode: 'why', now: T1 } });
    const event: Record<Action, InfluencerProfileEvent> = {
      SuspendInfluencer: { type: 'InfluencerSuspended', data: { influencerId: id, reasonCode: 'why', at: T1 } },
      ReactivateInfluencer: { type: 'InfluencerReactivated', data: { influencerId: id, reasonCode: 'why', at: T1 } },
      TerminateInfluencer: { type: 'InfluencerTerminated', data: { influencerId: id, reasonCode: 'why', at: T1 } },
    };
    const table: Array<[RegisteredStatus, Action, boolean]> = [
      ['active', 'SuspendInfluencer', true],
      ['active', 'ReactivateInfluencer', false],
      ['active', 'TerminateInfluencer', true],
      ['suspended', 'SuspendInfluencer', false],
      ['suspended', 'ReactivateInfluencer', true],
      ['suspended', 'TerminateInfluencer', true],
      ['terminated', 'SuspendInfluencer', false],
      ['terminated', 'ReactivateInfluencer', false],
      ['terminated', 'TerminateInfluencer', false],
    ];
    it.each(table)('%s + %s → allowed: %s', (status, action, ok) => {
      const when = spec.given(history[status]).when(command(action));
      if (ok) when.then([event[action]]);
      else when.thenThrows(Conflict, 'INFLUENCER.INVALID_TRANSITION');
    });

    it.each(['SuspendInfluencer', 'ReactivateInfluencer', 'TerminateInfluencer'] as Action[])('%s refuses an unregistered influencer', (action) => {
      spec.given([]).when(command(action)).thenThrows(NotFound, 'INFLUENCER.NOT_FOUND');
    });

    it('requires a reason code to suspend and to terminate, not to reactivate', () => {
      spec.given(history.active).when({ type: 'SuspendInfluencer', data: { influencerId: id, reasonCode: ' ', now: T1 } }).thenThrows(fieldsAre(['reasonCode']));
      spec.given(history.active).when({ type: 'TerminateInfluencer', data: { influencerId: id, reasonCode: '', now: T1 } }).thenThrows(fieldsAre(['reasonCode']));
      spec
        .given(history.suspended)
        .when({ type: 'ReactivateInfluencer', data: { influencerId: id, now: T1 } })
        .then([{ type: 'InfluencerReactivated', data: { influencerId: id, at: T1 } }]);
    });

    it('ignores ledger events between profile events', () => {
      spec.given([registered, accrued, suspended, accrued]).when(command('ReactivateInfluencer')).then([event.ReactivateInfluencer]);
    });
  });

  it(`refuses status change ${LIMITS.programs.influencerStatusChanges + 1} (ADR 0009: a bounded stream); termination stays possible`, () => {
    const reactivated: InfluencerProfileEvent = { type: 'InfluencerReactivated', data: { influencerId: id, at: T0 } };
    const full = [registered, ...Array.from({ length: LIMITS.programs.influencerStatusChanges }, (_, i) => (i % 2 === 0 ? suspended : reactivated))];
    spec.given(full).when({ type: 'SuspendInfluencer', data: { influencerId: id, reasonCode: 'why', now: T1 } }).thenThrows(Conflict, 'INFLUENCER.STREAM_LIMIT_REACHED');
    spec.given(full).when({ type: 'TerminateInfluencer', data: { influencerId: id, reasonCode: 'why', now: T1 } }).then([{ type: 'InfluencerTerminated', data: { influencerId: id, reasonCode: 'why', at: T1 } }]);
    spec.given(full.slice(0, -1)).when({ type: 'ReactivateInfluencer', data: { influencerId: id, now: T1 } }).then([{ ...reactivated, data: { influencerId: id, at: T1 } }]);
  });
});
