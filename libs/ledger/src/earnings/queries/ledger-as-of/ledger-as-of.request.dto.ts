import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsBusinessTime } from '@ledger/http';
import { HoldView, MoneyView } from '../shared/earning.view';
import { CurrencyBalance } from '../get-balance/get-balance.request.dto';

/** `audit/ledger-as-of`. */
export class LedgerAsOfRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  influencerId: string;

  @ApiProperty({ format: 'date-time', description: 'Business time: the events at or before it count' })
  @IsBusinessTime()
  asOf: string;
}

export class EarningAsOfItem {
  @ApiProperty({ format: 'uuid' }) earningId: string;
  @ApiProperty() influencerId: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() orderId: string;
  @ApiProperty() channel: string;
  @ApiProperty() level: number;
  @ApiProperty({ enum: ['pending', 'held', 'payable', 'paid', 'clawed_back'] }) state: string;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ type: MoneyView }) pending: MoneyView;
  @ApiProperty({ type: MoneyView }) held: MoneyView;
  @ApiProperty({ type: MoneyView }) payable: MoneyView;
  @ApiProperty({ type: MoneyView }) paid: MoneyView;
  @ApiProperty({ type: MoneyView }) clawedBack: MoneyView;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) holdUntil: string | null;
  @ApiProperty({ type: HoldView, nullable: true }) hold: HoldView | null;
  @ApiProperty() rulesVersion: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ description: 'Events of its stream at or before asOf' }) events: number;
}

export class LedgerAsOfAnswer {
  @ApiProperty() influencerId: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: [EarningAsOfItem], description: 'Every earning accrued by asOf, as it stood then (oldest accrual first)' }) earnings: EarningAsOfItem[];
  @ApiProperty({ type: [CurrencyBalance], description: 'As balance/get would have answered at asOf' }) balances: CurrencyBalance[];
}
