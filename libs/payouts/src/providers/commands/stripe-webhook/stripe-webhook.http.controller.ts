import { Body, Controller, Headers, HttpCode, Inject, Post, SetMetadata } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import Stripe from 'stripe';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import { Ctx, Public, RAW_TEXT_BODY } from '@ledger/http';
import { InvalidRequestError } from './invalid-signature';
import { DomainError, NotFound } from '@ledger/kernel';
import { Logger, type RequestContext } from '@ledger/runtime';
import { ReportPayoutItemHandler } from '../../../batches/commands/report-item/report-item.handler';
import type { ReportPayoutItemRequest } from '../../../batches/commands/report-item/report-item.request.dto';

export class StripeWebhookAnswer {
  @ApiProperty() received: boolean;
  @ApiProperty({ description: 'Whether the event changed a payout item (false: not ours, or already known)' }) applied: boolean;
}

const STRIPE_EVENT_SCHEMA = {
  type: 'object',
  description: 'A Stripe event, exactly as Stripe sent it (Stripe-Signature covers the raw body)',
  required: ['id', 'type', 'data'],
  properties: {
    id: { type: 'string', example: 'evt_1' },
    type: { type: 'string', example: 'transfer.reversed' },
    data: { type: 'object', description: '`object`: the transfer, whose metadata names org, batchId and itemId' },
  },
};

/** The Stripe events that speak about a transfer we made, and what they mean for its payout item. */
const OUTCOMES: Record<string, ReportPayoutItemRequest['outcome']> = {
  'transfer.created': 'posted',
  'transfer.reversed': 'returned',
};

/**
 * POST /webhooks/stripe: Stripe's later word on a transfer (reversed → the item is returned and its earnings are
 * payable again). The signature (Stripe-Signature, STRIPE_WEBHOOK_SECRET) is checked with
 * stripe.webhooks.constructEvent over the raw body; the org and item come from the transfer's metadata, which
 * only we wrote. An event about something that is not ours answers 200 (Stripe would resend it forever otherwise).
 */
@ApiTags('payouts')
@Controller('webhooks')
export class StripeWebhookController {
  private readonly stripe: Stripe;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reports: ReportPayoutItemHandler,
    private readonly logger: Logger,
  ) {
    this.stripe = new Stripe(config.payouts?.stripeSecretKey ?? 'sk_webhook_verification_only', { telemetry: false });
  }

  @Post('stripe')
  @Public()
  @HttpCode(200)
  // Read raw (the signature covers the exact bytes: RawTextBody's metadata), documented as the Stripe event it must be.
  @SetMetadata(RAW_TEXT_BODY, ['application/json'])
  @ApiConsumes('application/json')
  @ApiBody({ schema: STRIPE_EVENT_SCHEMA })
  @ApiOperation({ summary: 'Stripe webhook (signature checked): transfer.created → posted, transfer.reversed → returned (payout/item/report)' })
  @ApiOkResponse({ type: StripeWebhookAnswer })
  async receive(@Ctx() ctx: RequestContext, @Body() body: string, @Headers('stripe-signature') signature: string | undefined): Promise<StripeWebhookAnswer> {
    const secret = this.config.payouts?.stripeWebhookSecret ?? null;
    // Without a secret nothing can be verified: for this deployment the endpoint does not exist.
    if (secret === null) throw new NotFound('PAYOUT.STRIPE_WEBHOOK_NOT_CONFIGURED', 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(typeof body === 'string' ? body : '', signature ?? '', secret);
    } catch {
      throw new InvalidRequestError();
    }
    const outcome = OUTCOMES[event.type];
    if (outcome === undefined) return { received: true, applied: false };
    const transfer = event.data.object as Stripe.Transfer;
    const { org, batchId, itemId } = transfer.metadata ?? {};
    if (!org || !batchId || !itemId) return { received: true, applied: false };
    const report: ReportPayoutItemRequest = { batchId, itemId, outcome, providerRef: transfer.id, ...(outcome === 'returned' ? { failureCode: 'transfer_reversed' } : {}) };
    try {
      await this.reports.execute(org, report, (now) => ({ org, actorId: 'system:stripe-webhook', correlationId: ctx.correlationId, schemaVersion: 1, occurredAt: now, sourceRef: `stripe:${event.id}` }));
      return { received: true, applied: true };
    } catch (error) {
      // Not ours, or a state the item cannot take (a reversal of a transfer we never recorded as posted): logged, acknowledged.
      if (error instanceof DomainError && (error.kind === 'not_found' || error.kind === 'conflict')) {
        this.logger.warn('payouts: stripe webhook event not applied', { eventId: event.id, type: event.type, code: error.code });
        return { received: true, applied: false };
      }
      throw error;
    }
  }
}
