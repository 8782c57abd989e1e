// The rules document of `campaign/create | update` as class-validator DTOs: the shape of every nested
// field (each bad one named, e.g. `earnings.tiers[1].from`). Semantic rules that span fields (tiers
// ascending from 0, overrides only for listed channels, startsAt < endsAt…) are the domain's
// validateCampaignRules, run by the decider after this.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ATTRIBUTION_MODELS, CHANNELS, INTAKE_FIELD_TYPES, type AttributionModel, type Channel, type IntakeFieldType } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { OptionalDiscount, type DiscountRequest } from '../shared/discount.request.dto';
import { MoneyRequest } from '../shared/money.request.dto';
import { oneOfRefs } from '../shared/openapi';
import { PRECEDENCE_LIMIT, RULE_DAYS_MAX, type CampaignRulesInput } from '../domain';
import { IsBusinessTime } from '@ledger/http';

const BPS = { minimum: 0, maximum: 10_000 };
const Bps = (): PropertyDecorator => applyDecorators(IsInt(), Min(0), Max(10_000));
const Nested = (type: () => new () => object): PropertyDecorator => applyDecorators(IsObject(), ValidateNested(), Type(type));

export class AttributionRequest {
  @ApiProperty({ enum: ATTRIBUTION_MODELS })
  @IsIn(ATTRIBUTION_MODELS)
  model: AttributionModel;

  @ApiProperty({ minimum: 1, maximum: LIMITS.attribution.windowDaysMax, example: 14 })
  @IsInt()
  @Min(1)
  @Max(LIMITS.attribution.windowDaysMax)
  windowDays: number;

  @ApiPropertyOptional({ description: 'Higher wins when campaigns compete for one order (default 0)', minimum: -PRECEDENCE_LIMIT, maximum: PRECEDENCE_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(-PRECEDENCE_LIMIT)
  @Max(PRECEDENCE_LIMIT)
  precedence?: number;
}

export class PercentEarningsRequest {
  @ApiProperty({ enum: ['percent'] })
  @IsIn(['percent'])
  type: 'percent';

  @ApiProperty({ ...BPS, example: 1_000 })
  @Bps()
  rateBps: number;
}

export class FixedEarningsRequest {
  @ApiProperty({ enum: ['fixed'] })
  @IsIn(['fixed'])
  type: 'fixed';

  @ApiProperty({ type: MoneyRequest, description: 'Per attributed order' })
  @Nested(() => MoneyRequest)
  amount: MoneyRequest;
}

export class TierRequest {
  @ApiProperty({ description: 'Month-to-date basis (orders, or revenue in minor units) from which this rate applies; the first tier starts at 0', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(LIMITS.domain.moneyMinorMax)
  from: number;

  @ApiProperty(BPS)
  @Bps()
  rateBps: number;
}

export class TieredEarningsRequest {
  @ApiProperty({ enum: ['tiered'] })
  @IsIn(['tiered'])
  type: 'tiered';

  @ApiProperty({ enum: ['orders', 'revenue'] })
  @IsIn(['orders', 'revenue'])
  basis: 'orders' | 'revenue';

  @ApiProperty({ type: [TierRequest], description: `1 to ${LIMITS.domain.campaignTiers} tiers, \`from\` strictly ascending` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.domain.campaignTiers)
  @ValidateNested({ each: true })
  @Type(() => TierRequest)
  tiers: TierRequest[];
}

/** What an object with an unknown `type` becomes: only `type` is checked (and named in the 400). */
class EarningsOfUnknownType {
  @IsIn(['percent', 'fixed', 'tiered'])
  type: string;
}

export type EarningsRequest = PercentEarningsRequest | FixedEarningsRequest | TieredEarningsRequest;
export const EARNINGS_REQUEST_TYPES = [PercentEarningsRequest, FixedEarningsRequest, TieredEarningsRequest];

const Earnings = (): PropertyDecorator =>
  applyDecorators(
    IsObject(),
    ValidateNested(),
    Type(() => EarningsOfUnknownType, {
      discriminator: {
        property: 'type',
        subTypes: [
          { name: 'percent', value: PercentEarningsRequest },
          { name: 'fixed', value: FixedEarningsRequest },
          { name: 'tiered', value: TieredEarningsRequest },
        ],
      },
      keepDiscriminatorProperty: true,
    }),
  );

export class ChannelOverrideRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.attribution.windowDaysMax })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.attribution.windowDaysMax)
  windowDays?: number;

  @OptionalDiscount('Discount of codes on this channel')
  discount?: DiscountRequest;

  @ApiPropertyOptional({ oneOf: oneOfRefs(...EARNINGS_REQUEST_TYPES) })
  @IsOptional()
  @Earnings()
  earnings?: EarningsRequest;
}

const OptionalOverride = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ type: ChannelOverrideRequest }), IsOptional(), Nested(() => ChannelOverrideRequest));

/** One optional override per channel; an unknown channel key is refused by name. */
export class ChannelOverridesRequest {
  @OptionalOverride() ecommerce?: ChannelOverrideRequest;
  @OptionalOverride() pos?: ChannelOverrideRequest;
  @OptionalOverride() wholesale?: ChannelOverrideRequest;
  @OptionalOverride() partner?: ChannelOverrideRequest;
  @OptionalOverride() marketplace?: ChannelOverrideRequest;
}
// Compile-time check that ChannelOverridesRequest has a property for every channel: a missing one is a required key here.
const _everyChannelOverridable: Record<Exclude<Channel, keyof ChannelOverridesRequest>, never> = {};

const TextList = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description, maxItems: LIMITS.programs.exclusionsPerList }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(LIMITS.programs.exclusionsPerList),
    IsString({ each: true }),
    Length(1, LIMITS.domain.nameChars, { each: true }),
  );

export class ExclusionsRequest {
  @TextList('SKUs whose lines earn nothing') skus?: string[];
  @TextList('Categories whose lines earn nothing') categories?: string[];
}

export class ThresholdBonusRequest {
  @ApiProperty({ enum: ['threshold'] })
  @IsIn(['threshold'])
  type: 'threshold';

  @ApiProperty({ enum: ['orders', 'revenue'] })
  @IsIn(['orders', 'revenue'])
  basis: 'orders' | 'revenue';

  @ApiProperty({ description: 'Month-to-date orders, or revenue in minor units, that earns the bonus (once per month)', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(LIMITS.domain.moneyMinorMax)
  threshold: number;

  @ApiProperty({ type: MoneyRequest })
  @Nested(() => MoneyRequest)
  amount: MoneyRequest;
}

export class CapsRequest {
  @ApiPropertyOptional({ type: MoneyRequest })
  @IsOptional()
  @Nested(() => MoneyRequest)
  perOrder?: MoneyRequest;

  @ApiPropertyOptional({ type: MoneyRequest })
  @IsOptional()
  @Nested(() => MoneyRequest)
  perMonth?: MoneyRequest;
}

export class ReferralLevelRequest {
  @ApiProperty({ description: '2 = parent, 3 = grandparent…', minimum: 2, maximum: LIMITS.domain.referralLevels })
  @IsInt()
  @Min(2)
  @Max(LIMITS.domain.referralLevels)
  level: number;

  @ApiProperty({ ...BPS, description: 'Share of the level-1 earning' })
  @Bps()
  rateBps: number;
}

/** One field of the campaign's public application form (application/submit validates against it). */
export class IntakeFieldRequest {
  @ApiProperty({ description: 'Key of the value in application/submit `fields`: a letter, then letters, digits or _', maxLength: LIMITS.applications.intakeFieldNameChars, example: 'audienceSize' })
  @IsString()
  @Length(1, LIMITS.applications.intakeFieldNameChars)
  name: string;

  @ApiProperty({ enum: INTAKE_FIELD_TYPES })
  @IsIn(INTAKE_FIELD_TYPES)
  type: IntakeFieldType;

  @ApiProperty({ description: 'Whether a submission must give it' })
  @IsBoolean()
  required: boolean;
}

/** Every rules field of a campaign, as `campaign/create` takes them (and `campaign/update`, each optional). */
export class CampaignRulesRequest {
  @ApiProperty({ type: AttributionRequest })
  @Nested(() => AttributionRequest)
  attribution: AttributionRequest;

  @ApiProperty({ enum: CHANNELS, isArray: true, description: 'Channels the campaign earns on' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHANNELS.length)
  @IsIn(CHANNELS, { each: true })
  channels: Channel[];

  @ApiPropertyOptional({ type: ChannelOverridesRequest, description: 'Per listed channel: windowDays, discount, earnings' })
  @IsOptional()
  @Nested(() => ChannelOverridesRequest)
  channelOverrides?: ChannelOverridesRequest;

  @ApiPropertyOptional({ type: ExclusionsRequest })
  @IsOptional()
  @Nested(() => ExclusionsRequest)
  exclusions?: ExclusionsRequest;

  @ApiProperty({ oneOf: oneOfRefs(...EARNINGS_REQUEST_TYPES) })
  @Earnings()
  earnings: EarningsRequest;

  @ApiPropertyOptional({ type: [ThresholdBonusRequest], maxItems: LIMITS.programs.bonusesPerCampaign })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.programs.bonusesPerCampaign)
  @ValidateNested({ each: true })
  @Type(() => ThresholdBonusRequest)
  bonuses?: ThresholdBonusRequest[];

  @ApiPropertyOptional({ type: CapsRequest })
  @IsOptional()
  @Nested(() => CapsRequest)
  caps?: CapsRequest;

  @ApiPropertyOptional({ type: [ReferralLevelRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.domain.referralLevels)
  @ValidateNested({ each: true })
  @Type(() => ReferralLevelRequest)
  referralLevels?: ReferralLevelRequest[];

  @ApiProperty({ description: 'Earnings are held this many days after the order', minimum: 0, maximum: RULE_DAYS_MAX })
  @IsInt()
  @Min(0)
  @Max(RULE_DAYS_MAX)
  holdDays: number;

  @ApiProperty({ description: 'After this many days an earning can only get a make-good', minimum: 0, maximum: RULE_DAYS_MAX })
  @IsInt()
  @Min(0)
  @Max(RULE_DAYS_MAX)
  lockDays: number;

  @ApiProperty({ type: MoneyRequest, description: 'Minimum payout' })
  @Nested(() => MoneyRequest)
  minPayout: MoneyRequest;

  @ApiPropertyOptional({ format: 'date-time', description: 'Business time from which orders and touches can earn, inclusive; may lie before the activation (backfill) — a campaign never activated still earns nothing (default: from activation)' })
  @IsOptional()
  @IsBusinessTime()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Business time after which nothing earns; the instant itself still earns (default: no end)' })
  @IsOptional()
  @IsBusinessTime()
  endsAt?: string;

  @ApiPropertyOptional({ format: 'uri', description: 'Where share links of the campaign send customers' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  landingUrl?: string;

  @ApiPropertyOptional({ type: [IntakeFieldRequest], maxItems: LIMITS.applications.intakeFieldsPerCampaign, description: 'Fields of the public application form (application/submit); default none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.applications.intakeFieldsPerCampaign)
  @ValidateNested({ each: true })
  @Type(() => IntakeFieldRequest)
  intakeFields?: IntakeFieldRequest[];
}

/** The rules fields, in contract order; `campaign/update` replaces exactly the ones it is given. */
export const RULE_FIELDS = [
  'attribution',
  'channels',
  'channelOverrides',
  'exclusions',
  'earnings',
  'bonuses',
  'caps',
  'referralLevels',
  'holdDays',
  'lockDays',
  'minPayout',
  'startsAt',
  'endsAt',
  'landingUrl',
  'intakeFields',
] as const satisfies ReadonlyArray<keyof CampaignRulesInput & keyof CampaignRulesRequest>;

export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * The validated request's rules fields as plain JSON (class instances out, absent fields absent):
 * what the domain sees and the event records. The whitelist has already refused every unknown key.
 */
export function plainRuleFields(request: Partial<Record<RuleField, unknown>>): Partial<Record<RuleField, unknown>> {
  const fields: Partial<Record<RuleField, unknown>> = {};
  for (const field of RULE_FIELDS) {
    const value = request[field];
    if (value !== undefined) fields[field] = value === null ? null : JSON.parse(JSON.stringify(value));
  }
  return fields;
}
