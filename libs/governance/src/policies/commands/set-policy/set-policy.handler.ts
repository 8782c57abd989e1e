import { Inject, Injectable } from '@nestjs/common';
import type { ClawbackPolicy, PayoutPolicy } from '@ledger/contracts';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { CLOCK, type Clock } from '@ledger/kernel';
import type { RequestContext } from '@ledger/runtime';
import { policyDecider } from '../../../domain';
import { authorityOf } from '../../../shared/authority';
import { decideOnStream } from '../../../shared/governance-commands';
import { policyStream } from '../../../shared/governance-streams';
import { currentPolicy } from '../../policy-reader';
import { policyViewOf, type PolicyView } from '../../policy.view';
import type { SetPolicyRequest } from './set-policy.request.dto';

/** SetPolicy: the owner changes the payout and/or clawback policy; the same policy again changes nothing. */
@Injectable()
export class SetPolicyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: SetPolicyRequest): Promise<PolicyView & { position: string | null }> {
    const now = this.clock.now().toISOString();
    const payout = request.payout ? ({ schedule: request.payout.schedule, minPayoutByCurrency: { ...request.payout.minPayoutByCurrency } } as PayoutPolicy) : undefined;
    const clawback = request.clawback ? ({ afterPaid: request.clawback.afterPaid } as ClawbackPolicy) : undefined;
    const command = { type: 'SetPolicy' as const, data: { ...(payout ? { payout } : {}), ...(clawback ? { clawback } : {}), by: authorityOf(ctx), now } };
    const outcome = await decideOnStream(this.store, ctx, policyStream(ctx.org), policyDecider, command, now);
    const set = outcome.events[0];
    return withPosition(policyViewOf(set ? set.data : await currentPolicy(this.store, ctx.org)), outcome.position);
  }
}
