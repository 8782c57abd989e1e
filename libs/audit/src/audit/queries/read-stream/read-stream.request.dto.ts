import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';

export class ReadStreamRequest {
  @ApiProperty({ example: 'order-acme.o-1001', description: '`<category>-<org>.<id>`; only streams of your own org' })
  @IsString()
  @Length(3, 300)
  stream: string;

  @ApiPropertyOptional({ minimum: 0, description: 'First revision to return (default 0)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}
