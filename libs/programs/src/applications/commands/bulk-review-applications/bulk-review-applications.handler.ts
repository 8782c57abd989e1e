import { Injectable } from '@nestjs/common';
import { comparePositions, type Position } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { DomainError, ValidationFailed, type FieldProblem } from '@ledger/kernel';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { ApplicationReview } from '../application-review';
import type { BulkReviewAnswer, ReviewResult } from './bulk-review-applications.answer.dto';
import type { BulkReviewApplicationsRequest, ReviewDecisionRequest } from './bulk-review-applications.request.dto';

/**
 * BulkReview: each decision on its own (one refused does not refuse the others), in request order.
 * Each decision repeating the application's current one appends nothing and answers the same, so
 * the whole request replayed answers the same results and changes nothing.
 */
@Injectable()
export class BulkReviewApplicationsHandler {
  constructor(
    private readonly review: ApplicationReview,
    private readonly ownWrites: OwnProgramWrites,
  ) {}

  async execute(ctx: RequestContext, request: BulkReviewApplicationsRequest): Promise<BulkReviewAnswer> {
    refuseMalformed(request.decisions);
    const results: ReviewResult[] = [];
    let last: Position | null = null;
    for (const decision of request.decisions) {
      try {
        const outcome = decision.decision === 'approve' ? await this.review.approve(ctx, decision.applicationId) : await this.review.reject(ctx, decision.applicationId, decision.reasonCode!);
        if (outcome.position !== null && (last === null || comparePositions(outcome.position, last) > 0)) last = outcome.position;
        results.push(outcome.status === 'approved' ? { applicationId: outcome.applicationId, status: 'approved', influencerId: outcome.influencerId, code: outcome.code } : { applicationId: outcome.applicationId, status: 'rejected' });
      } catch (error) {
        // A refusal is this decision's result; anything else (the store down) fails the request, to be retried whole.
        if (!(error instanceof DomainError)) throw error;
        results.push({ applicationId: decision.applicationId, status: 'refused', error: { code: error.code, detail: error.message } });
      }
    }
    await this.ownWrites.seen(last);
    return withPosition({ results }, last);
  }
}

// Malformed requests are refused whole (400), before any decision: that is the caller's bug, not a review outcome.
function refuseMalformed(decisions: readonly ReviewDecisionRequest[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  decisions.forEach((d, i) => {
    if (d.decision === 'reject' && d.reasonCode === undefined) problems.push({ field: `decisions[${i}].reasonCode`, problem: 'is required to reject' });
    if (seen.has(d.applicationId)) problems.push({ field: `decisions[${i}].applicationId`, problem: 'must not repeat an application of this request' });
    seen.add(d.applicationId);
  });
  if (problems.length > 0) throw new ValidationFailed(problems);
}
