import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MoneyView } from '../shared/earning.view';

/** `balance/get`. */
export class GetBalanceRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  influencerId: string;
}

export class CurrencyBalance {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: MoneyView, description: 'Everything accrued (make-goods as granted); accrued + adjustments = pending + held + payable + paid + clawedBack' }) accrued: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Sum of adjustments (earning/adjust; negative when lowered)' }) adjustments: MoneyView;
  @ApiProperty({ type: MoneyView }) pending: MoneyView;
  @ApiProperty({ type: MoneyView }) held: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Owed and due: the positive balances of payable (and paid-then-adjusted) earnings' }) payable: MoneyView;
  @ApiProperty({ type: MoneyView }) paid: MoneyView;
  @ApiProperty({ type: MoneyView }) clawedBack: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Clawed back after payment and not yet netted from a payout (≥ 0); accrued = pending + held + payable − recoverable + paid + clawedBack' }) recoverable: MoneyView;
  @ApiProperty({ description: 'Earnings in this currency' }) earnings: number;
}

export class BalanceAnswer {
  @ApiProperty() influencerId: string;
  @ApiProperty({ type: [CurrencyBalance], description: 'One entry per currency the influencer has earnings in' }) balances: CurrencyBalance[];
}
