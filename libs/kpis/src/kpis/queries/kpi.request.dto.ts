import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { IsBusinessTime, IsIsoCurrency } from '@ledger/http';

export const KPI_DIMENSIONS = ['channel', 'campaign', 'influencer', 'tier', 'day'] as const;
/** kpi/fraud and kpi/rewards' duplicate claims also group by the fraud rule. */
export const FRAUD_DIMENSIONS = [...KPI_DIMENSIONS, 'rule'] as const;
export type Dimension = (typeof FRAUD_DIMENSIONS)[number];

/** `kpi/*`: a business-time range [from, to), optional dimensions, one currency. */
export class KpiRequest {
  @ApiProperty({ format: 'date-time', description: 'Business time, inclusive' })
  @IsBusinessTime()
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Business time, exclusive; after `from`, at most LIMITS.kpis.rangeDaysMax days later' })
  @IsBusinessTime()
  to: string;

  @ApiPropertyOptional({ type: [String], enum: KPI_DIMENSIONS, description: 'Dimensions to group by (none: one row with key {})' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KPI_DIMENSIONS.length)
  @ArrayUnique()
  @IsString({ each: true })
  @IsIn(KPI_DIMENSIONS, { each: true })
  groupBy?: Dimension[];

  @ApiProperty({ example: 'EUR' })
  @IsIsoCurrency()
  currency: string;
}

export class FraudKpiRequest {
  @ApiProperty({ format: 'date-time', description: 'Business time, inclusive' })
  @IsBusinessTime()
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Business time, exclusive' })
  @IsBusinessTime()
  to: string;

  @ApiPropertyOptional({ type: [String], enum: FRAUD_DIMENSIONS, description: 'Dimensions to group by; `rule` is the fraud rule' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FRAUD_DIMENSIONS.length)
  @ArrayUnique()
  @IsString({ each: true })
  @IsIn(FRAUD_DIMENSIONS, { each: true })
  groupBy?: Dimension[];

  @ApiProperty({ example: 'EUR', description: 'Echoed; fraud flags carry no currency (rewards: the currency of the money figures)' })
  @IsIsoCurrency()
  currency: string;
}
