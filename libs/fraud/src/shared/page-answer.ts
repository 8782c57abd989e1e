import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** The OpenAPI schema of `{ items: T[], nextCursor }`, one named class per item type. */
export function pageAnswerOf(item: Type): Type {
  class PageAnswer {
    @ApiProperty({ type: [item] }) items: unknown[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
  }
  Object.defineProperty(PageAnswer, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  return PageAnswer;
}
