import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { OptionalId, SubjectRequest } from '../../../shared/common.request.dto';

/** Metadata of a file stored elsewhere (the ledger keeps no files). */
export class AttachmentRequest {
  @ApiProperty({ maxLength: LIMITS.collaboration.attachmentNameChars, example: 'invoice.pdf' })
  @IsString()
  @Length(1, LIMITS.collaboration.attachmentNameChars)
  name: string;

  @ApiProperty({ example: 'application/pdf', maxLength: 255 })
  @IsString()
  @Length(3, 255)
  mediaType: string;

  @ApiProperty({ minimum: 0, maximum: LIMITS.collaboration.attachmentSizeMax, description: 'Bytes' })
  @IsInt()
  @Min(0)
  @Max(LIMITS.collaboration.attachmentSizeMax)
  size: number;

  @ApiProperty({ format: 'uri', maxLength: LIMITS.collaboration.attachmentUrlChars })
  @IsString()
  @MaxLength(LIMITS.collaboration.attachmentUrlChars)
  url: string;
}

/** `comment`: a comment on a record, or a reply (parentId) in its thread. */
export class PostCommentRequest {
  @ApiProperty({ type: SubjectRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectRequest)
  subject: SubjectRequest;

  @ApiProperty({ maxLength: LIMITS.collaboration.commentBodyChars })
  @IsString()
  @Length(1, LIMITS.collaboration.commentBodyChars)
  body: string;

  @OptionalId('The comment this one replies to (same subject; 404 when unknown)')
  parentId?: string;

  @ApiPropertyOptional({ type: [AttachmentRequest], maxItems: LIMITS.collaboration.attachmentsPerComment })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.collaboration.attachmentsPerComment)
  @ValidateNested({ each: true })
  @Type(() => AttachmentRequest)
  attachments?: AttachmentRequest[];
}
