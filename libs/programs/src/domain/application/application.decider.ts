// Application stream (application-<org>.<applicationId>): a public submission, then one decision —
// approved (the profile and its code are appended in the same atomic append: approval.ts) or
// rejected. Bounded: two events. Deciding again the way it was decided is a no-op, so a retried
// review (bulk-review replays) changes nothing; deciding the other way is a 409.
import type { ApplicationStatus, CodeKind, DomainEvent, IntakeField, IntakeValues } from '@ledger/contracts';
import { assert, assertNever, LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import { isOneOf } from '../shared/event-types';
import { checkName, checkReasonCode, isNonBlank } from '../shared/field-checks';
import { ApplicationAlreadyDecided, ApplicationAlreadySubmitted, ApplicationNotFound } from './application.errors';
import { intakeProblems, recordedIntake } from './intake-fields';

// ── commands ────────────────────────────────────────────────────────────────
export type SubmitApplication = {
  type: 'SubmitApplication';
  data: { applicationId: string; campaignId: string; name: string; email: string; fields: Record<string, unknown>; intakeFields: readonly IntakeField[]; now: string };
};
export type ApproveApplication = { type: 'ApproveApplication'; data: { applicationId: string; influencerId: string; codeId: string; code: string; kind: CodeKind; now: string } };
export type RejectApplication = { type: 'RejectApplication'; data: { applicationId: string; reasonCode: string; note?: string; now: string } };
export type ApplicationCommand = SubmitApplication | ApproveApplication | RejectApplication;

// ── events ──────────────────────────────────────────────────────────────────
export const APPLICATION_EVENT_TYPES = ['ApplicationSubmitted', 'ApplicationApproved', 'ApplicationRejected'] as const;
export type ApplicationEvent = DomainEvent<(typeof APPLICATION_EVENT_TYPES)[number]>;
const isApplicationEvent = isOneOf(APPLICATION_EVENT_TYPES);

// ── state ───────────────────────────────────────────────────────────────────
export type ApplicationState =
  | { status: 'none' }
  | {
      status: ApplicationStatus;
      applicationId: string;
      campaignId: string;
      name: string;
      email: string;
      /** The submission as JSON, to tell a resubmission of the same form from another one. */
      fingerprint: string;
      approval?: { influencerId: string; codeId: string; code: string; kind: CodeKind };
    };
export type ExistingApplication = Exclude<ApplicationState, { status: 'none' }>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_CHARS_MAX = 320;

// ── decide ──────────────────────────────────────────────────────────────────
function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  switch (command.type) {
    case 'SubmitApplication': {
      const { applicationId, campaignId, name, email, fields, intakeFields, now } = command.data;
      refuseInvalid([...checkName('name', name), ...emailProblems(email), ...intakeProblems(intakeFields, fields)]);
      const submitted: DomainEvent<'ApplicationSubmitted'>['data'] = {
        applicationId,
        campaignId,
        name: name.trim(),
        email: normaliseEmail(email),
        fields: recordedIntake(intakeFields, fields),
        submittedAt: now,
      };
      if (state.status === 'none') return [{ type: 'ApplicationSubmitted', data: submitted }];
      // The same form sent again (a double click, a retry) is a no-op while it waits for review.
      if (state.status === 'applied' && state.fingerprint === fingerprintOf(submitted)) return [];
      throw new ApplicationAlreadySubmitted(applicationId);
    }
    case 'ApproveApplication': {
      const { applicationId, influencerId, codeId, code, kind, now } = command.data;
      const application = existing(state, applicationId);
      if (application.status === 'approved') return [];
      if (application.status === 'rejected') throw new ApplicationAlreadyDecided(applicationId, application.status);
      return [{ type: 'ApplicationApproved', data: { applicationId, campaignId: application.campaignId, influencerId, codeId, code, kind, at: now } }];
    }
    case 'RejectApplication': {
      const { applicationId, reasonCode, note, now } = command.data;
      refuseInvalid([
        ...checkReasonCode('reasonCode', reasonCode),
        ...(note === undefined || isNonBlank(note, LIMITS.applications.noteChars) ? [] : [{ field: 'note', problem: `must be a non-blank text of at most ${LIMITS.applications.noteChars} characters` }]),
      ]);
      const application = existing(state, applicationId);
      if (application.status === 'rejected') return [];
      if (application.status === 'approved') throw new ApplicationAlreadyDecided(applicationId, application.status);
      return [{ type: 'ApplicationRejected', data: { applicationId, campaignId: application.campaignId, reasonCode, ...(note === undefined ? {} : { note }), at: now } }];
    }
    default:
      return assertNever(command, 'unknown application command');
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function emailProblems(email: unknown): FieldProblem[] {
  return typeof email === 'string' && email.length <= EMAIL_CHARS_MAX && EMAIL.test(email.trim()) ? [] : [{ field: 'email', problem: 'must be an email address' }];
}

// Field by field in a fixed order, so key order (of a retried request or a stored event) does not matter.
function fingerprintOf(data: { name: string; email: string; fields: IntakeValues }): string {
  return JSON.stringify([data.name, data.email, Object.entries(data.fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

function existing(state: ApplicationState, applicationId: string): ExistingApplication {
  if (state.status === 'none') throw new ApplicationNotFound(applicationId);
  assert(state.applicationId === applicationId, `command for application ${applicationId} decided against stream of ${state.applicationId}`);
  return state;
}

function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

// ── evolve ──────────────────────────────────────────────────────────────────
function evolve(state: ApplicationState, event: DomainEvent): ApplicationState {
  if (!isApplicationEvent(event)) return state; // approval folds program streams with this decider too
  if (event.type === 'ApplicationSubmitted') {
    assert(state.status === 'none', `application ${event.data.applicationId} submitted twice`);
    const { applicationId, campaignId, name, email } = event.data;
    return { status: 'applied', applicationId, campaignId, name, email, fingerprint: fingerprintOf(event.data) };
  }
  assert(state.status === 'applied', `${event.type} on an application that is ${state.status}`);
  switch (event.type) {
    case 'ApplicationApproved': {
      const { influencerId, codeId, code, kind } = event.data;
      return { ...state, status: 'approved', approval: { influencerId, codeId, code, kind } };
    }
    case 'ApplicationRejected':
      return { ...state, status: 'rejected' };
    default:
      return assertNever(event, 'unknown application event');
  }
}

export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
