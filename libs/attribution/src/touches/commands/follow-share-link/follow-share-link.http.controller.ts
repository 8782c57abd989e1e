import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CHANNELS } from '@ledger/contracts';
import { Ctx, Public } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { customerCookie, customerRefFromCookie } from './customer-cookie';
import { FollowShareLinkHandler } from './follow-share-link.handler';
import { ShareLinkRateLimiter } from './share-link-rate-limiter';

@ApiTags('checkout')
@Controller('r')
export class FollowShareLinkController {
  constructor(
    private readonly handler: FollowShareLinkHandler,
    private readonly limiter: ShareLinkRateLimiter,
  ) {}

  @Get(':code')
  @Public()
  @ApiOperation({
    summary: 'Share link: records a click and redirects to the campaign’s landing page (public)',
    description:
      'The link of a code is `/r/<CODE>?o=<org>` (ADR 0004). The click is recorded for `cid` only when the shop signed it (`exp`, `sig`: ADR 0011), ' +
      'else for the visitor’s anonymous `inf_cid` cookie, else for a new anonymous ref, which is set as the `inf_cid` cookie; an unsigned, forged or ' +
      'expired `cid` is ignored. Unknown or unusable codes and campaigns without a landing page answer 404. Visits are rate-limited per client ' +
      'address and per code: 429 with Retry-After.',
    security: [],
  })
  @ApiParam({ name: 'code', example: 'SUMMER10' })
  @ApiQuery({ name: 'o', required: true, description: 'The org of the code', example: 'acme' })
  @ApiQuery({ name: 'cid', required: false, description: 'Customer ref, for personalised links (e.g. in a newsletter); counts only with `exp` and `sig`' })
  @ApiQuery({ name: 'exp', required: false, description: 'Unix seconds until which the signed `cid` counts' })
  @ApiQuery({ name: 'sig', required: false, description: 'base64url HMAC-SHA256 of "v1\\n<code>\\n<org>\\n<cid>\\n<exp>" with SHARE_LINK_SECRET (ADR 0011)' })
  @ApiQuery({ name: 'ch', required: false, enum: CHANNELS, description: 'Channel of the visit; default ecommerce' })
  @ApiResponse({ status: 302, description: 'To the landing page', headers: { Location: { schema: { type: 'string' } }, 'Set-Cookie': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'SHARE_LINK_NOT_FOUND (unknown or unusable code) or SHARE_LINK_NO_LANDING_PAGE' })
  @ApiResponse({ status: 429, description: 'SHARE_LINK_RATE_LIMITED: too many visits from this address or of this link', headers: { 'Retry-After': { schema: { type: 'integer' } } } })
  async follow(@Ctx() ctx: RequestContext, @Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const query = req.query as Record<string, unknown>;
    // Before anything else, 404s included: probing for codes costs a visit too.
    this.limiter.admit(req.ip ?? req.socket.remoteAddress ?? 'unknown', query.o, code);
    const cookieCustomerRef = customerRefFromCookie(req.headers.cookie);
    const answer = this.handler.execute({ code, query, cookieCustomerRef, correlationId: ctx.correlationId, record: req.method !== 'HEAD' });
    // The cookie only ever carries an anonymous ref: a signed cid names a known customer and needs none.
    if (answer.anonymous && answer.customerRef !== cookieCustomerRef) res.setHeader('Set-Cookie', customerCookie(answer.customerRef, isHttps(req)));
    // Never cached: each visit must reach us to be counted.
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, answer.location);
  }
}

function isHttps(req: Request): boolean {
  return req.secure || req.headers['x-forwarded-proto'] === 'https';
}
