// Code stream (code-<org>.<CODE>): one stream per code, so appending CodeIssued with `no_stream`
// makes a code unique per org. A code is issued once and deactivated at most once; it is never
// re-issued (touches and orders recorded with it must keep pointing at one campaign and influencer).
import { CHANNELS, CODE_KINDS, type Channel, type CodeKind, type Discount, type DomainEvent, normaliseCode } from '@ledger/contracts';
import { assert, assertNever, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import { isOneOf } from '../shared/event-types';
import { checkDiscount, checkIsoInstant, checkOneOf, checkOrdered, checkReasonCode, isNonBlank } from '../shared/field-checks';
import { CodeAlreadyDeactivated, CodeNotFound, CodeTaken } from './code.errors';

// ── commands ────────────────────────────────────────────────────────────────
/** `code` may arrive in any case and with spaces; the event carries its normalised form. */
export type IssueCode = {
  type: 'IssueCode';
  data: {
    codeId: string; code: string; campaignId: string; influencerId: string; kind: CodeKind;
    discount?: Discount; channels?: Channel[]; validFrom?: string; validUntil?: string; now: string;
  };
};
export type DeactivateCode = { type: 'DeactivateCode'; data: { code: string; reasonCode?: string; now: string } };
export type CodeCommand = IssueCode | DeactivateCode;

// ── events ──────────────────────────────────────────────────────────────────
export const CODE_EVENT_TYPES = ['CodeIssued', 'CodeDeactivated'] as const;
export type CodeEvent = DomainEvent<(typeof CODE_EVENT_TYPES)[number]>;
const isCodeEvent = isOneOf(CODE_EVENT_TYPES);

// ── state ───────────────────────────────────────────────────────────────────
export type CodeState =
  | { status: 'none' }
  | { status: 'issued' | 'deactivated'; codeId: string; code: string; campaignId: string; influencerId: string };

// ── decide ──────────────────────────────────────────────────────────────────
function decide(command: CodeCommand, state: CodeState): CodeEvent[] {
  switch (command.type) {
    case 'IssueCode': {
      const data = command.data;
      const normalised = normaliseCode(data.code);
      refuseInvalid([...(normalised.ok ? [] : [{ field: 'code', problem: normalised.problem }]), ...issueProblems(data)]);
      assert(normalised.ok, 'code validated above');
      if (state.status !== 'none') throw new CodeTaken(normalised.code);
      return [
        {
          type: 'CodeIssued',
          data: {
            codeId: data.codeId,
            code: normalised.code,
            campaignId: data.campaignId,
            influencerId: data.influencerId,
            kind: data.kind,
            ...(data.discount === undefined ? {} : { discount: data.discount }),
            ...(data.channels === undefined ? {} : { channels: [...data.channels] }),
            ...(data.validFrom === undefined ? {} : { validFrom: data.validFrom }),
            ...(data.validUntil === undefined ? {} : { validUntil: data.validUntil }),
            issuedAt: data.now,
          },
        },
      ];
    }
    case 'DeactivateCode': {
      const { reasonCode, now } = command.data;
      const normalised = normaliseCode(command.data.code);
      refuseInvalid([
        ...(normalised.ok ? [] : [{ field: 'code', problem: normalised.problem }]),
        ...(reasonCode === undefined ? [] : checkReasonCode('reasonCode', reasonCode)),
      ]);
      assert(normalised.ok, 'code validated above');
      if (state.status === 'none') throw new CodeNotFound(normalised.code);
      assert(state.code === normalised.code, `command for code ${normalised.code} decided against stream of ${state.code}`);
      if (state.status === 'deactivated') throw new CodeAlreadyDeactivated(state.code);
      return [{ type: 'CodeDeactivated', data: { codeId: state.codeId, code: state.code, ...(reasonCode === undefined ? {} : { reasonCode }), at: now } }];
    }
    default:
      return assertNever(command, 'unknown code command');
  }
}

// Whether the campaign and influencer exist is the handler's question (other streams); here only the shape.
function issueProblems(data: IssueCode['data']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['codeId', 'campaignId', 'influencerId'] as const) {
    if (!isNonBlank(data[field])) problems.push({ field, problem: 'must be a non-blank id' });
  }
  problems.push(...checkOneOf('kind', data.kind, CODE_KINDS));
  if (data.discount !== undefined) problems.push(...checkDiscount('discount', data.discount));
  if (data.channels !== undefined) {
    if (!Array.isArray(data.channels) || data.channels.length === 0) {
      problems.push({ field: 'channels', problem: 'must list at least one channel when given' });
    } else {
      data.channels.forEach((channel, i) => problems.push(...checkOneOf(`channels[${i}]`, channel, CHANNELS)));
      if (new Set(data.channels).size !== data.channels.length) problems.push({ field: 'channels', problem: 'must not list a channel twice' });
    }
  }
  if (data.validFrom !== undefined) problems.push(...checkIsoInstant('validFrom', data.validFrom));
  if (data.validUntil !== undefined) problems.push(...checkIsoInstant('validUntil', data.validUntil));
  problems.push(...checkOrdered('validFrom', data.validFrom, 'validUntil', data.validUntil));
  return problems;
}

function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

// ── evolve ──────────────────────────────────────────────────────────────────
function evolve(state: CodeState, event: DomainEvent): CodeState {
  if (!isCodeEvent(event)) return state;
  switch (event.type) {
    case 'CodeIssued': {
      assert(state.status === 'none', `code ${event.data.code} issued twice`);
      const { codeId, code, campaignId, influencerId } = event.data;
      return { status: 'issued', codeId, code, campaignId, influencerId };
    }
    case 'CodeDeactivated':
      assert(state.status === 'issued', `code ${event.data.code} deactivated while ${state.status}`);
      return { ...state, status: 'deactivated' };
    default:
      return assertNever(event, 'unknown code event');
  }
}

export const codeDecider: Decider<CodeCommand, CodeEvent, CodeState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
