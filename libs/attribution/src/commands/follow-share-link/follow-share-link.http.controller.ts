import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CHANNELS } from '@ledger/contracts';
import { Ctx, Public, type RequestContext } from '@ledger/http';
import { customerCookie, customerRefFromCookie } from './customer-cookie';
import { FollowShareLinkHandler } from './follow-share-link.handler';

@ApiTags('checkout')
@Controller('r')
export class FollowShareLinkController {
  constructor(private readonly handler: FollowShareLinkHandler) {}

  @Get(':code')
  @Public()
  @ApiOperation({
    summary: 'Share link: records a click and redirects to the campaign’s landing page (public)',
    description:
      'The link of a code is `/r/<CODE>?o=<org>` (ADR 0004). The click is recorded for `cid` if given, else the visitor’s `inf_cid` cookie, else a new ' +
      'anonymous ref, which is set as the `inf_cid` cookie. Unknown or unusable codes and campaigns without a landing page answer 404.',
    security: [],
  })
  @ApiParam({ name: 'code', example: 'SUMMER10' })
  @ApiQuery({ name: 'o', required: true, description: 'The org of the code', example: 'acme' })
  @ApiQuery({ name: 'cid', required: false, description: 'Customer ref, for personalised links (e.g. in a newsletter)' })
  @ApiQuery({ name: 'ch', required: false, enum: CHANNELS, description: 'Channel of the visit; default ecommerce' })
  @ApiResponse({ status: 302, description: 'To the landing page', headers: { Location: { schema: { type: 'string' } }, 'Set-Cookie': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'SHARE_LINK_NOT_FOUND (unknown or unusable code) or SHARE_LINK_NO_LANDING_PAGE' })
  async follow(@Ctx() ctx: RequestContext, @Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const cookieCustomerRef = customerRefFromCookie(req.headers.cookie);
    const answer = await this.handler.execute({ code, query: req.query as Record<string, unknown>, cookieCustomerRef, correlationId: ctx.correlationId, record: req.method !== 'HEAD' });
    if (answer.customerRef !== cookieCustomerRef) res.setHeader('Set-Cookie', customerCookie(answer.customerRef, isHttps(req)));
    // Never cached: each visit must reach us to be counted.
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, answer.location);
  }
}

function isHttps(req: Request): boolean {
  return req.secure || req.headers['x-forwarded-proto'] === 'https';
}
