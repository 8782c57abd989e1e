import { Injectable } from '@nestjs/common';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { ShareLinks } from '../../../codes/share-links';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { ApplicationReview } from '../application-review';
import type { ApplicationApprovedAnswer } from './approve-application.answer.dto';
import type { ApproveApplicationRequest } from './approve-application.request.dto';

/** ApproveApplication: answers once this instance's catalog holds the code, so code/apply finds it at once. */
@Injectable()
export class ApproveApplicationHandler {
  constructor(
    private readonly review: ApplicationReview,
    private readonly ownWrites: OwnProgramWrites,
    private readonly shareLinks: ShareLinks,
  ) {}

  async execute(ctx: RequestContext, request: ApproveApplicationRequest): Promise<ApplicationApprovedAnswer> {
    const { code, kind } = request;
    const approved = await this.review.approve(ctx, request.applicationId, { ...(code === undefined ? {} : { code }), ...(kind === undefined ? {} : { kind }) });
    await this.ownWrites.seen(approved.position);
    const { applicationId, status, influencerId, codeId } = approved;
    const shareUrl = this.shareLinks.urlOf(approved.kind, approved.code);
    return withPosition({ id: applicationId, status, influencerId, codeId, code: approved.code, ...(shareUrl === undefined ? {} : { shareUrl }) }, approved.position);
  }
}
