import { Inject, Injectable } from '@nestjs/common';
import type { TouchRecorded } from '@ledger/contracts';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { CLOCK, deterministicId, randomId, type Clock } from '@ledger/kernel';
import { PROGRAM_CATALOG, type ProgramCatalog } from '../../../catalog/read-models/program-catalog';
import { validateCode } from '../../../domain';
import { businessTimeOf } from '../../business-time-of';
import { appendTouch } from '../../touch-recording';
import type { ApplyCodeAnswer } from './apply-code.answer';
import type { ApplyCodeRequest } from './apply-code.request.dto';
import { discountAmountOf } from './discount-amount';

/**
 * ApplyCode: the answer comes from the in-memory catalog (no database read, no projection wait),
 * then a valid code's touch is appended in one round trip. Checkout latency is therefore one
 * append, whatever the read models are doing.
 */
@Injectable()
export class ApplyCodeHandler {
  constructor(
    @Inject(PROGRAM_CATALOG) private readonly catalog: ProgramCatalog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: ApplyCodeRequest): Promise<ApplyCodeAnswer> {
    const occurredAt = businessTimeOf(request.occurredAt, this.clock);
    const validation = validateCode(this.catalog.view(ctx.org), request.code, request.channel, occurredAt);
    if (!validation.valid) return withPosition({ valid: false, reason: validation.reason }, null);

    const { code, kind, campaignId, influencerId, rulesVersion, discount } = validation;
    const touch: TouchRecorded = {
      // Per (cart, code): applying a code again to the same cart is the same touch.
      touchId: request.cartRef === undefined ? randomId() : deterministicId(ctx.org, 'touch', request.cartRef, code),
      code,
      codeKind: kind,
      touchKind: 'code',
      campaignId,
      influencerId,
      channel: request.channel,
      customerRef: request.customerRef,
      ...(request.cartRef === undefined ? {} : { cartRef: request.cartRef }),
      occurredAt,
    };
    const position = await appendTouch(this.store, touch, eventMetadataFrom(ctx, { occurredAt, ...(request.cartRef === undefined ? {} : { sourceRef: request.cartRef }) }));

    const amount = discount !== undefined && request.subtotal !== undefined ? discountAmountOf(discount, request.subtotal) : undefined;
    return withPosition(
      {
        valid: true,
        code,
        kind,
        campaignId,
        influencerId,
        rulesVersion,
        ...(discount === undefined ? {} : { discount }),
        ...(amount === undefined ? {} : 'amount' in amount ? { discountAmount: amount.amount } : { discountNotApplied: amount.notApplied }),
      },
      position,
    );
  }
}
