import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsBusinessTime, IsIsoCurrency } from '@ledger/http';

/** `statement/generate`. */
export class GenerateStatementRequest {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) influencerId: string;
  @ApiProperty({ description: 'Inclusive instant, ISO 8601 with offset' }) @IsBusinessTime() periodStart: string;
  @ApiProperty({ description: 'Exclusive instant, ISO 8601 with offset; not after now (else 409 period_open)' }) @IsBusinessTime() periodEnd: string;
  @ApiProperty({ example: 'EUR' }) @IsIsoCurrency() currency: string;
}
