import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LINE_KINDS } from '../domain/statement/ledger-facts';

export class StatementMoney {
  @ApiProperty({ description: 'Integer minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export class StatementBalancesView {
  @ApiProperty({ type: StatementMoney, description: 'Earned and not yet paid: pending + held + payable, net of clawbacks and adjustments' }) owed: StatementMoney;
  @ApiProperty({ type: StatementMoney, description: 'Released and not yet paid (negative after a clawback of a paid earning)' }) payable: StatementMoney;
}

export class StatementLineView {
  @ApiProperty({ description: 'Business time of the fact' }) at: string;
  @ApiProperty({ enum: LINE_KINDS }) kind: string;
  @ApiProperty() earningId: string;
  @ApiPropertyOptional() orderId?: string;
  @ApiPropertyOptional() sourceRef?: string;
  @ApiProperty({ type: StatementMoney, description: 'As the totals count it; a prior-period adjustment: its effect on owed' }) amount: StatementMoney;
  @ApiPropertyOptional({ description: 'Reason, reference; for a prior-period adjustment the kind of the fact it reports' }) note?: string;
}

export class StatementAnswer {
  @ApiProperty() id: string;
  @ApiProperty({ description: '<org>-<influencer>-<seq>, seq from 1 per influencer' }) number: string;
  @ApiProperty() influencerId: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Inclusive' }) periodStart: string;
  @ApiProperty({ description: 'Exclusive' }) periodEnd: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty({ type: StatementBalancesView, description: "The previous statement's closing (zero for the first)" }) opening: StatementBalancesView;
  @ApiProperty({ type: StatementMoney }) earned: StatementMoney;
  @ApiProperty({ type: StatementMoney }) clawedBack: StatementMoney;
  @ApiProperty({ type: StatementMoney, description: 'Adjustments and make-goods' }) adjustments: StatementMoney;
  @ApiProperty({ type: StatementMoney }) released: StatementMoney;
  @ApiProperty({ type: StatementMoney, description: 'Paid, net of returned payments' }) paid: StatementMoney;
  @ApiProperty({ type: StatementBalancesView, description: 'closing.owed = opening.owed + earned − clawedBack + adjustments − paid + priorPeriodAdjustments' })
  closing: StatementBalancesView;
  @ApiProperty({ type: StatementMoney }) priorPeriodAdjustments: StatementMoney;
  @ApiProperty({ type: [StatementLineView] }) lines: StatementLineView[];
}
