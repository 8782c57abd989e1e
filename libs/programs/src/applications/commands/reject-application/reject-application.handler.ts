import { Injectable } from '@nestjs/common';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { ApplicationReview } from '../application-review';
import type { ApplicationRejectedAnswer } from './reject-application.answer.dto';
import type { RejectApplicationRequest } from './reject-application.request.dto';

/** RejectApplication: the reason stays with the application for the operators' reference. */
@Injectable()
export class RejectApplicationHandler {
  constructor(private readonly review: ApplicationReview) {}

  async execute(ctx: RequestContext, request: RejectApplicationRequest): Promise<ApplicationRejectedAnswer> {
    const rejected = await this.review.reject(ctx, request.applicationId, request.reasonCode, request.note);
    return withPosition({ id: rejected.applicationId, status: rejected.status }, rejected.position);
  }
}
