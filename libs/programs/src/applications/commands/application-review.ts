// What approve, reject and bulk-review share: one review of one application, decided on its
// streams. A review that repeats the application's decision appends nothing and answers the same,
// which is what makes a replayed bulk review safe.
import { Inject, Injectable } from '@nestjs/common';
import { decideAndAppend as decideAndAppendAcross, EVENT_STORE, type EventStore, type Position } from '@ledger/event-store';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { CLOCK, deterministicId, ValidationFailed, type Clock } from '@ledger/kernel';
import { normaliseCode, type CodeKind } from '@ledger/contracts';
import {
  applicationDecider,
  ApplicationNotFound,
  decideApproval,
  defaultApplicationCode,
  programStreamsDecider,
  type ApprovalDecision,
  type ApprovalStreams,
} from '../../domain';
import { decideAndAppend, stateOf } from '../../shared/decide-and-append';
import { applicationStream, campaignStream, codeStream, influencerStream } from '../../shared/program-streams';

export interface Approved {
  applicationId: string;
  status: 'approved';
  influencerId: string;
  codeId: string;
  code: string;
  kind: CodeKind;
  position: Position | null;
}

export interface Rejected {
  applicationId: string;
  status: 'rejected';
  position: Position | null;
}

@Injectable()
export class ApplicationReview {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The profile (active) and the code (valid from now) are appended with the approval in one
   * atomic append. Their ids are deterministic in the application, so a retry names the same ones.
   */
  async approve(ctx: RequestContext, applicationId: string, options: { code?: string; kind?: CodeKind } = {}): Promise<Approved> {
    const { org } = ctx;
    const application = await stateOf(this.store, applicationStream(org, applicationId), applicationDecider);
    if (application.status === 'none') throw new ApplicationNotFound(applicationId);
    const normalised = normaliseCode(options.code ?? application.approval?.code ?? defaultApplicationCode(application.name, applicationId));
    if (!normalised.ok) throw new ValidationFailed([{ field: 'code', problem: normalised.problem }]);

    const influencerId = application.approval?.influencerId ?? deterministicId(org, 'application-influencer', applicationId);
    const codeId = application.approval?.codeId ?? deterministicId(org, 'application-code', applicationId);
    const streams: ApprovalStreams = {
      application: applicationStream(org, applicationId),
      campaign: campaignStream(org, application.campaignId),
      influencer: influencerStream(org, influencerId),
      code: codeStream(org, normalised.code),
    };
    const now = this.clock.now().toISOString();
    const command = { applicationId, influencerId, codeId, code: normalised.code, kind: options.kind ?? 'link', now };
    let decided: ApprovalDecision | undefined;
    const outcome = await decideAndAppendAcross(this.store, {
      streams: Object.values(streams),
      decider: programStreamsDecider,
      decide: (states) => {
        decided = decideApproval(streams, command, states);
        return decided.decisions;
      },
      eventId: (stream, _event, index) => deterministicId(org, 'application-approval', applicationId, stream, index),
      metadata: () => eventMetadataFrom(ctx, { occurredAt: now }),
    });
    const approval = decided!.approval;
    return { applicationId, status: 'approved', ...approval, position: outcome.position };
  }

  async reject(ctx: RequestContext, applicationId: string, reasonCode: string, note?: string): Promise<Rejected> {
    const now = this.clock.now().toISOString();
    const data = { applicationId, reasonCode, now, ...(note === undefined ? {} : { note }) };
    const outcome = await decideAndAppend(this.store, ctx, applicationStream(ctx.org, applicationId), applicationDecider, { type: 'RejectApplication', data }, { occurredAt: now, reasonCode });
    return { applicationId, status: 'rejected', position: outcome.position };
  }
}
