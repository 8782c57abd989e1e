import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { INF_USER_ROLES } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { SubjectRequest } from '../../../shared/common.request.dto';

/** `inbox/create`: an item by hand, addressed to the roles that must act. */
export class CreateInboxItemRequest {
  @ApiProperty({ type: SubjectRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectRequest)
  subject: SubjectRequest;

  @ApiProperty({ maxLength: LIMITS.collaboration.inboxTitleChars })
  @IsString()
  @Length(1, LIMITS.collaboration.inboxTitleChars)
  title: string;

  @ApiPropertyOptional({ maxLength: LIMITS.collaboration.inboxBodyChars })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.collaboration.inboxBodyChars)
  body?: string;

  @ApiProperty({ enum: INF_USER_ROLES, isArray: true, minItems: 1, maxItems: INF_USER_ROLES.length, description: 'Roles whose inbox shows it' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INF_USER_ROLES.length)
  @IsIn(INF_USER_ROLES, { each: true })
  roles: string[];

  @ApiPropertyOptional({ default: 'manual', pattern: '^[a-z][a-z0-9_]{0,63}$', example: 'follow_up' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  kind?: string;
}
