import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { InboxItemCreatedAnswer } from './create-inbox-item.answer.dto';
import { CreateInboxItemHandler } from './create-inbox-item.handler';
import { CreateInboxItemRequest } from './create-inbox-item.request.dto';

@ApiTags('inbox')
@Controller('influencer/inbox')
export class CreateInboxItemController {
  constructor(private readonly handler: CreateInboxItemHandler) {}

  @Post('create')
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Put an item in the inbox of the given roles (holds, fraud flags, disputes and batches awaiting approval create theirs automatically)' })
  @ApiCreatedResponse({ type: InboxItemCreatedAnswer })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateInboxItemRequest): Promise<InboxItemCreatedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
