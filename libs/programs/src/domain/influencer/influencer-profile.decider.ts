// The profile part of the influencer stream (influencer-<org>.<influencerId>):
// registered active, then active ⇄ suspended → terminated (terminal). Only the profile lives here
// (earnings have their own streams, ADR 0009); status changes are bounded by LIMITS.programs.influencerStatusChanges.
import type { DomainEvent } from '@ledger/contracts';
import { assert, assertNever, LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import { isOneOf } from '../shared/event-types';
import { checkName, checkReasonCode, isNonBlank } from '../shared/field-checks';
import { InfluencerAlreadyRegistered, InfluencerNotFound, InfluencerStreamLimitReached, InvalidInfluencerTransition } from './influencer-profile.errors';

// ── commands ────────────────────────────────────────────────────────────────
export type RegisterInfluencer = {
  type: 'RegisterInfluencer';
  data: { influencerId: string; name: string; email: string; customerRefs?: string[]; tier?: string; parentId?: string; now: string };
};
export type SuspendInfluencer = { type: 'SuspendInfluencer'; data: { influencerId: string; reasonCode: string; now: string } };
export type ReactivateInfluencer = { type: 'ReactivateInfluencer'; data: { influencerId: string; reasonCode?: string; now: string } };
export type TerminateInfluencer = { type: 'TerminateInfluencer'; data: { influencerId: string; reasonCode: string; now: string } };
export type InfluencerProfileCommand = RegisterInfluencer | SuspendInfluencer | ReactivateInfluencer | TerminateInfluencer;

// ── events ──────────────────────────────────────────────────────────────────
export const INFLUENCER_PROFILE_EVENT_TYPES = ['InfluencerRegistered', 'InfluencerSuspended', 'InfluencerReactivated', 'InfluencerTerminated'] as const;
export type InfluencerProfileEvent = DomainEvent<(typeof INFLUENCER_PROFILE_EVENT_TYPES)[number]>;
const isProfileEvent = isOneOf(INFLUENCER_PROFILE_EVENT_TYPES);

// ── state ───────────────────────────────────────────────────────────────────
/** `applied` and `rejected` belong to applications, which have their own events; a registration is active at once. */
export type RegisteredStatus = 'active' | 'suspended' | 'terminated';
export type InfluencerProfileState =
  | { status: 'none' }
  | {
      status: RegisteredStatus;
      influencerId: string;
      name: string;
      email: string;
      customerRefs: string[];
      tier?: string;
      parentId?: string;
      /** Suspensions and reactivations so far. */
      statusChanges: number;
    };
export type RegisteredInfluencer = Exclude<InfluencerProfileState, { status: 'none' }>;

export const CUSTOMER_REFS_MAX = 100;
// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is not the domain's business.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ── decide ──────────────────────────────────────────────────────────────────
function decide(command: InfluencerProfileCommand, state: InfluencerProfileState): InfluencerProfileEvent[] {
  switch (command.type) {
    case 'RegisterInfluencer': {
      const { influencerId, name, email, tier, parentId, now } = command.data;
      const customerRefs = command.data.customerRefs ?? [];
      refuseInvalid(registrationProblems(command.data, customerRefs));
      if (state.status !== 'none') throw new InfluencerAlreadyRegistered(influencerId);
      return [
        {
          type: 'InfluencerRegistered',
          data: {
            influencerId,
            name: name.trim(),
            // Emails and customer refs feed the self-referral check: one spelling per identity.
            email: email.trim().toLowerCase(),
            customerRefs: [...new Set(customerRefs.map((ref) => ref.trim()))],
            ...(tier === undefined ? {} : { tier: tier.trim() }),
            ...(parentId === undefined ? {} : { parentId }),
            registeredAt: now,
          },
        },
      ];
    }
    case 'SuspendInfluencer': {
      const { influencerId, reasonCode, now } = command.data;
      refuseInvalid(checkReasonCode('reasonCode', reasonCode));
      const influencer = registered(state, influencerId);
      if (influencer.status !== 'active') throw new InvalidInfluencerTransition(influencerId, influencer.status, 'be suspended');
      refuseBeyondStatusChanges(influencer);
      return [{ type: 'InfluencerSuspended', data: { influencerId, reasonCode, at: now } }];
    }
    case 'ReactivateInfluencer': {
      const { influencerId, reasonCode, now } = command.data;
      if (reasonCode !== undefined) refuseInvalid(checkReasonCode('reasonCode', reasonCode));
      const influencer = registered(state, influencerId);
      if (influencer.status !== 'suspended') throw new InvalidInfluencerTransition(influencerId, influencer.status, 'be reactivated');
      refuseBeyondStatusChanges(influencer);
      return [{ type: 'InfluencerReactivated', data: { influencerId, ...(reasonCode === undefined ? {} : { reasonCode }), at: now } }];
    }
    case 'TerminateInfluencer': {
      const { influencerId, reasonCode, now } = command.data;
      refuseInvalid(checkReasonCode('reasonCode', reasonCode));
      const influencer = registered(state, influencerId);
      if (influencer.status === 'terminated') throw new InvalidInfluencerTransition(influencerId, influencer.status, 'be terminated');
      return [{ type: 'InfluencerTerminated', data: { influencerId, reasonCode, at: now } }];
    }
    default:
      return assertNever(command, 'unknown influencer profile command');
  }
}

function registrationProblems(data: RegisterInfluencer['data'], customerRefs: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [...checkName('name', data.name)];
  if (typeof data.email !== 'string' || data.email.length > 320 || !EMAIL.test(data.email.trim())) {
    problems.push({ field: 'email', problem: 'must be an email address' });
  }
  if (!Array.isArray(customerRefs) || customerRefs.length > CUSTOMER_REFS_MAX) {
    problems.push({ field: 'customerRefs', problem: `must be a list of at most ${CUSTOMER_REFS_MAX} references` });
  } else {
    customerRefs.forEach((ref, i) => {
      if (!isNonBlank(ref)) problems.push({ field: `customerRefs[${i}]`, problem: 'must be a non-blank reference' });
    });
  }
  if (data.tier !== undefined) problems.push(...checkName('tier', data.tier));
  if (data.parentId !== undefined) {
    if (!isNonBlank(data.parentId)) problems.push({ field: 'parentId', problem: 'must be an influencer id' });
    // Only self is checked here; a longer cycle needs the other profiles (the handler's catalog).
    else if (data.parentId === data.influencerId) problems.push({ field: 'parentId', problem: 'must not be the influencer itself' });
  }
  return problems;
}

// Termination stays possible past the limit: it is terminal, so it adds one event at most.
function refuseBeyondStatusChanges(influencer: RegisteredInfluencer): void {
  if (influencer.statusChanges >= LIMITS.programs.influencerStatusChanges) throw new InfluencerStreamLimitReached(influencer.influencerId, LIMITS.programs.influencerStatusChanges);
}

function registered(state: InfluencerProfileState, influencerId: string): RegisteredInfluencer {
  if (state.status === 'none') throw new InfluencerNotFound(influencerId);
  assert(state.influencerId === influencerId, `command for influencer ${influencerId} decided against stream of ${state.influencerId}`);
  return state;
}

function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

// ── evolve ──────────────────────────────────────────────────────────────────
function evolve(state: InfluencerProfileState, event: DomainEvent): InfluencerProfileState {
  if (!isProfileEvent(event)) return state; // older streams also carry ledger events
  if (event.type === 'InfluencerRegistered') {
    assert(state.status === 'none', `influencer ${event.data.influencerId} registered twice`);
    const { influencerId, name, email, customerRefs, tier, parentId } = event.data;
    return {
      status: 'active',
      influencerId,
      name,
      email,
      customerRefs,
      ...(tier === undefined ? {} : { tier }),
      ...(parentId === undefined ? {} : { parentId }),
      statusChanges: 0,
    };
  }
  assert(state.status !== 'none', `${event.type} before InfluencerRegistered`);
  switch (event.type) {
    case 'InfluencerSuspended':
      return { ...state, status: 'suspended', statusChanges: state.statusChanges + 1 };
    case 'InfluencerReactivated':
      return { ...state, status: 'active', statusChanges: state.statusChanges + 1 };
    case 'InfluencerTerminated':
      return { ...state, status: 'terminated' };
    default:
      return assertNever(event, 'unknown influencer profile event');
  }
}

export const influencerProfileDecider: Decider<InfluencerProfileCommand, InfluencerProfileEvent, InfluencerProfileState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
