// Where an influencer's payouts go, on the influencer stream (influencer-<org>.<influencerId>) beside the
// profile: PayoutMethodSet, at most LIMITS.payouts.payoutMethodChanges times. Bank details are checked with
// ibantools (IBAN checksum and country format, BIC shape) and stored in electronic format.
import type { DomainEvent, PayoutDestination } from '@ledger/contracts';
import { assertNever, Conflict, LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import { InfluencerNotFound } from '../influencer/influencer-profile.errors';
import { isNonBlank } from '../shared/field-checks';

// ibantools ships its types as ESM beside a CommonJS build: the CommonJS build is what `require` loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { electronicFormatIBAN, isValidBIC, isValidIBAN } = require('ibantools') as typeof import('ibantools', { with: { 'resolution-mode': 'import' } });

export const PAYOUT_METHODS = ['sandbox', 'stripe_connect', 'bank_transfer'] as const;
/** SEPA allows 70 characters for a creditor's name. */
export const ACCOUNT_HOLDER_CHARS_MAX = 70;

export type SetPayoutMethod = {
  type: 'SetPayoutMethod';
  data: { influencerId: string; method: string; accountId?: string; iban?: string; bic?: string; accountHolder?: string; now: string };
};

export type PayoutMethodEvent = DomainEvent<'PayoutMethodSet'>;

export type PayoutMethodState =
  | { status: 'none' }
  | { status: 'registered' | 'terminated'; changes: number; destination: PayoutDestination | null };

export class PayoutMethodLimitReached extends Conflict {
  constructor(influencerId: string) {
    super('INFLUENCER.PAYOUT_METHOD_LIMIT_REACHED', `Influencer ${influencerId} changed payout method ${LIMITS.payouts.payoutMethodChanges} times.`);
  }
}

export class InfluencerTerminatedForPayouts extends Conflict {
  constructor(influencerId: string) {
    super('INFLUENCER.TERMINATED', `Influencer ${influencerId} is terminated: no payout method can be set.`);
  }
}

function decide(command: SetPayoutMethod, state: PayoutMethodState): PayoutMethodEvent[] {
  const destination = destinationOf(command.data);
  if (state.status === 'none') throw new InfluencerNotFound(command.data.influencerId);
  if (state.status === 'terminated') throw new InfluencerTerminatedForPayouts(command.data.influencerId);
  if (JSON.stringify(state.destination) === JSON.stringify(destination)) return [];
  if (state.changes >= LIMITS.payouts.payoutMethodChanges) throw new PayoutMethodLimitReached(command.data.influencerId);
  return [{ type: 'PayoutMethodSet', data: { influencerId: command.data.influencerId, destination, at: command.data.now } }];
}

/** The destination the request names, normalised; every bad or misplaced field listed at once. */
export function destinationOf(data: SetPayoutMethod['data']): PayoutDestination {
  const problems: FieldProblem[] = [];
  const refuse = (field: string, problem: string) => problems.push({ field, problem });
  const absent = (...fields: Array<'accountId' | 'iban' | 'bic' | 'accountHolder'>) => {
    for (const field of fields) if (data[field] !== undefined) refuse(field, `must not be given for method ${data.method}`);
  };
  let destination: PayoutDestination | null = null;
  switch (data.method) {
    case 'sandbox':
    case 'stripe_connect':
      absent('iban', 'bic', 'accountHolder');
      if (!isNonBlank(data.accountId, LIMITS.payouts.accountIdChars) || /\s/.test(data.accountId)) refuse('accountId', `must be an account id without spaces, at most ${LIMITS.payouts.accountIdChars} characters`);
      else destination = { method: data.method, accountId: data.accountId };
      break;
    case 'bank_transfer': {
      absent('accountId');
      const iban = typeof data.iban === 'string' ? electronicFormatIBAN(data.iban) : undefined;
      if (iban === undefined || iban === null || iban.length > LIMITS.payouts.ibanChars || !isValidIBAN(iban)) refuse('iban', 'must be a valid IBAN (checksum and country format)');
      const bic = typeof data.bic === 'string' ? data.bic.trim().toUpperCase() : undefined;
      if (data.bic !== undefined && (bic === undefined || !isValidBIC(bic))) refuse('bic', 'must be a valid BIC (8 or 11 characters)');
      if (!isNonBlank(data.accountHolder, ACCOUNT_HOLDER_CHARS_MAX)) refuse('accountHolder', `must be a non-blank name of at most ${ACCOUNT_HOLDER_CHARS_MAX} characters`);
      if (problems.length === 0) destination = { method: 'bank_transfer', iban: iban!, ...(bic === undefined ? {} : { bic }), accountHolder: data.accountHolder!.trim() };
      break;
    }
    default:
      refuse('method', `must be one of ${PAYOUT_METHODS.join(', ')}`);
  }
  if (problems.length > 0 || destination === null) throw new ValidationFailed(problems);
  return destination;
}

function evolve(state: PayoutMethodState, event: DomainEvent): PayoutMethodState {
  switch (event.type) {
    case 'InfluencerRegistered':
      return { status: 'registered', changes: 0, destination: null };
    case 'InfluencerTerminated':
      return state.status === 'none' ? state : { ...state, status: 'terminated' };
    case 'PayoutMethodSet':
      if (state.status === 'none') return state;
      return { ...state, changes: state.changes + 1, destination: event.data.destination };
    default:
      return state;
  }
}

export const payoutMethodDecider: Decider<SetPayoutMethod, PayoutMethodEvent, PayoutMethodState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};

// Exhaustiveness of the methods the destination type knows.
export function methodOf(destination: PayoutDestination): (typeof PAYOUT_METHODS)[number] {
  switch (destination.method) {
    case 'sandbox':
    case 'stripe_connect':
    case 'bank_transfer':
      return destination.method;
    default:
      return assertNever(destination);
  }
}
