// Proves the application decider and approval given/when/then: intake fields validate a submission (each bad field
// named), a resubmission of the same form is a no-op, decisions repeat as no-ops and conflict the other way, and an
// approval decides the profile, the code and the decision together — or refuses all of them.
import type { DomainEvent, IntakeField } from '@ledger/contracts';
import { Conflict, DeciderSpecification, NotFound, ValidationFailed } from '@ledger/kernel';
import { T0, T1, validRules } from '../testing/fixtures';
import { withRuleDefaults } from '../campaign/campaign-rules';
import { applicationDecider, type ApplicationEvent, type SubmitApplication } from './application.decider';
import { decideApproval, defaultApplicationCode, programStreamsDecider, type ApprovalStreams, type ProgramStreamState } from './approval';
import { evolveAll } from '@ledger/kernel';

const spec = DeciderSpecification.for(applicationDecider);
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field).sort()) === JSON.stringify([...fields].sort());

const INTAKE: IntakeField[] = [
  { name: 'instagram', type: 'url', required: true },
  { name: 'audienceSize', type: 'number', required: true },
  { name: 'contact', type: 'email', required: false },
  { name: 'niche', type: 'text', required: false },
];
const submit = (overrides: Partial<SubmitApplication['data']> = {}): SubmitApplication => ({
  type: 'SubmitApplication',
  data: { applicationId: 'app-1', campaignId: 'c-1', name: ' Anna ', email: ' Anna@Example.com ', fields: { instagram: 'https://instagram.com/anna', audienceSize: 12_000 }, intakeFields: INTAKE, now: T0, ...overrides },
});
const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: { applicationId: 'app-1', campaignId: 'c-1', name: 'Anna', email: 'anna@example.com', fields: { instagram: 'https://instagram.com/anna', audienceSize: 12_000 }, submittedAt: T0 },
};
const approved: ApplicationEvent = { type: 'ApplicationApproved', data: { applicationId: 'app-1', campaignId: 'c-1', influencerId: 'inf-1', codeId: 'code-1', code: 'ANNA-1', kind: 'link', at: T1 } };
const rejected: ApplicationEvent = { type: 'ApplicationRejected', data: { applicationId: 'app-1', campaignId: 'c-1', reasonCode: 'audience_mismatch', at: T1 } };

describe('SubmitApplication', () => {
  it('records the form normalised: name trimmed, email lower-case', () => {
    spec.given([]).when(submit()).then([submitted]);
  });

  it('takes {} when the campaign configures no intake fields', () => {
    spec.given([]).when(submit({ fields: {}, intakeFields: [] })).then([{ ...submitted, data: { ...submitted.data, fields: {} } } as ApplicationEvent]);
  });

  it('names every bad field: unknown, missing required, wrong types, bad email', () => {
    spec
      .given([])
      .when(submit({ email: 'nope', fields: { instagram: 'ftp://x', audienceSize: '12k', contact: 'not-mail', hobby: 'x' } }))
      .thenThrows(fieldsAre(['email', 'fields.hobby', 'fields.instagram', 'fields.audienceSize', 'fields.contact']));
    spec.given([]).when(submit({ fields: { niche: 'fashion' } })).thenThrows(fieldsAre(['fields.instagram', 'fields.audienceSize']));
  });

  it('is a no-op for the same form again, a 409 for another form or once decided', () => {
    spec.given([submitted]).when(submit({ email: 'anna@example.com', now: T1 })).then([]);
    spec.given([submitted]).when(submit({ fields: { instagram: 'https://instagram.com/other', audienceSize: 1 } })).thenThrows(Conflict, 'APPLICATION.ALREADY_SUBMITTED');
    spec.given([submitted, rejected]).when(submit()).thenThrows(Conflict, 'APPLICATION.ALREADY_SUBMITTED');
  });
});

describe('decisions', () => {
  const approve = { type: 'ApproveApplication' as const, data: { applicationId: 'app-1', influencerId: 'inf-1', codeId: 'code-1', code: 'ANNA-1', kind: 'link' as const, now: T1 } };
  const reject = { type: 'RejectApplication' as const, data: { applicationId: 'app-1', reasonCode: 'audience_mismatch', now: T1 } };

  it('approves or rejects an applied application', () => {
    spec.given([submitted]).when(approve).then([approved]);
    spec.given([submitted]).when(reject).then([rejected]);
  });

  it('repeats a decision as a no-op and refuses the other one', () => {
    spec.given([submitted, approved]).when(approve).then([]);
    spec.given([submitted, rejected]).when(reject).then([]);
    spec.given([submitted, approved]).when(reject).thenThrows(Conflict, 'APPLICATION.ALREADY_DECIDED');
    spec.given([submitted, rejected]).when(approve).thenThrows(Conflict, 'APPLICATION.ALREADY_DECIDED');
  });

  it('refuses an unknown application and a rejection without a reason', () => {
    spec.given([]).when(approve).thenThrows(NotFound, 'APPLICATION.NOT_FOUND');
    spec.given([submitted]).when({ ...reject, data: { ...reject.data, reasonCode: ' ' } }).thenThrows(fieldsAre(['reasonCode']));
  });
});

describe('approval across the program streams', () => {
  const streams: ApprovalStreams = { application: 'application-o.app-1', campaign: 'campaign-o.c-1', influencer: 'influencer-o.inf-1', code: 'code-o.ANNA-1' };
  const campaignCreated: DomainEvent = { type: 'CampaignCreated', data: { campaignId: 'c-1', name: 'Summer', rulesVersion: 1, rules: withRuleDefaults(validRules()), createdAt: T0 } };
  const stateOf = (events: DomainEvent[]): ProgramStreamState => evolveAll(programStreamsDecider, events);
  const states = (over: Partial<Record<keyof ApprovalStreams, DomainEvent[]>>) =>
    new Map(Object.entries(streams).map(([key, stream]) => [stream, stateOf(over[key as keyof ApprovalStreams] ?? [])]));
  const command = { applicationId: 'app-1', influencerId: 'inf-1', codeId: 'code-1', code: 'ANNA-1', kind: 'link' as const, now: T1 };

  it('registers the profile active, issues the code and approves, each on its stream', () => {
    const decision = decideApproval(streams, command, states({ application: [submitted], campaign: [campaignCreated] }));
    expect(decision.decisions.map((d) => [d.stream, d.events.map((e) => e.type)])).toEqual([
      [streams.influencer, ['InfluencerRegistered']],
      [streams.code, ['CodeIssued']],
      [streams.application, ['ApplicationApproved']],
    ]);
    expect(decision.decisions[0]!.events[0]!.data).toMatchObject({ influencerId: 'inf-1', name: 'Anna', email: 'anna@example.com' });
    expect(decision.decisions[1]!.events[0]!.data).toMatchObject({ code: 'ANNA-1', campaignId: 'c-1', influencerId: 'inf-1', kind: 'link', issuedAt: T1 });
  });

  it('decides nothing again once approved, and answers the first approval', () => {
    const decision = decideApproval(streams, { ...command, code: 'OTHER' }, states({ application: [submitted, approved], campaign: [campaignCreated] }));
    expect(decision).toEqual({ decisions: [], approval: { influencerId: 'inf-1', codeId: 'code-1', code: 'ANNA-1', kind: 'link' } });
  });

  it('refuses the whole approval when the code is taken or the campaign closed', () => {
    const taken: DomainEvent = { type: 'CodeIssued', data: { codeId: 'x', code: 'ANNA-1', campaignId: 'c-9', influencerId: 'i-9', kind: 'coupon', issuedAt: T0 } };
    expect(() => decideApproval(streams, command, states({ application: [submitted], campaign: [campaignCreated], code: [taken] }))).toThrow(expect.objectContaining({ code: 'CODE.TAKEN' }));
    const closed: DomainEvent = { type: 'CampaignClosed', data: { campaignId: 'c-1', at: T0 } };
    expect(() => decideApproval(streams, command, states({ application: [submitted], campaign: [campaignCreated, closed] }))).toThrow(expect.objectContaining({ code: 'APPLICATION.CAMPAIGN_CLOSED' }));
  });

  it('derives a valid default code from the name and the id', () => {
    expect(defaultApplicationCode('Zoë Müller-Smith', '3f2a1b9c-0000')).toBe('ZOEMULLE-3F2A1B');
    expect(defaultApplicationCode('李', 'abcdef12')).toBe('P-ABCDEF');
  });
});
