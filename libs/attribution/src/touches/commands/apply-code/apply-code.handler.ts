import { Inject, Injectable } from '@nestjs/common';
import type { TouchRecorded } from '@ledger/contracts';
import { streamName } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { CLOCK, deterministicId, randomId, type Clock } from '@ledger/kernel';
import { PROGRAM_CATALOG, type ProgramCatalog } from '../../../catalog/read-models/program-catalog';
import { validateCode } from '../../../domain';
import { businessTimeOf } from '../../business-time-of';
import { TouchEmitter } from '../../touch-emitter';
import type { ApplyCodeAnswer } from './apply-code.answer';
import type { ApplyCodeRequest } from './apply-code.request.dto';
import { discountAmountOf } from './discount-amount';

/**
 * ApplyCode: the answer comes from the in-memory catalog (no database read, no projection wait), and
 * a valid code's touch goes to the touch emitter, which makes it durable within a flush window
 * (ADR 0016): checkout answers at memory speed, whatever the database and the read models are doing.
 * The answer therefore carries no position (the touch is not durable yet), but the touch's id.
 */
@Injectable()
export class ApplyCodeHandler {
  constructor(
    @Inject(PROGRAM_CATALOG) private readonly catalog: ProgramCatalog,
    private readonly touches: TouchEmitter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(ctx: RequestContext, request: ApplyCodeRequest): ApplyCodeAnswer {
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
    const metadata = eventMetadataFrom(ctx, { occurredAt, ...(request.cartRef === undefined ? {} : { sourceRef: request.cartRef }) });
    // The stream name is checked here, on the request: a touch that reaches the emitter can be stored.
    this.touches.emit(streamName('customer', ctx.org, touch.customerRef), { id: touch.touchId, type: 'TouchRecorded', data: touch as unknown as Record<string, unknown>, metadata });

    const amount = discount !== undefined && request.subtotal !== undefined ? discountAmountOf(discount, request.subtotal) : undefined;
    return withPosition(
      {
        valid: true,
        touchId: touch.touchId,
        code,
        kind,
        campaignId,
        influencerId,
        rulesVersion,
        ...(discount === undefined ? {} : { discount }),
        ...(amount === undefined ? {} : 'amount' in amount ? { discountAmount: amount.amount } : { discountNotApplied: amount.notApplied }),
      },
      null,
    );
  }
}
