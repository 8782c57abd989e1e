import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { MoneyRequest } from './money.request.dto';
import { oneOfRefs } from './openapi';

export class PercentDiscountRequest {
  @ApiProperty({ enum: ['percent'] })
  @IsIn(['percent'])
  type: 'percent';

  @ApiProperty({ description: 'Basis points (1000 = 10 %)', minimum: 0, maximum: 10_000, example: 1_000 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  rateBps: number;
}

export class FixedDiscountRequest {
  @ApiProperty({ enum: ['fixed'] })
  @IsIn(['fixed'])
  type: 'fixed';

  @ApiProperty({ type: MoneyRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyRequest)
  amount: MoneyRequest;
}

/** What an object with an unknown `type` becomes: only `type` is checked (and named in the 400). */
class DiscountOfUnknownType {
  @IsIn(['percent', 'fixed'])
  type: string;
}

export type DiscountRequest = PercentDiscountRequest | FixedDiscountRequest;
export const DISCOUNT_REQUEST_TYPES = [PercentDiscountRequest, FixedDiscountRequest];

/** An optional `{ type: "percent", rateBps } | { type: "fixed", amount }`, validated by its `type`. */
export const OptionalDiscount = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description, oneOf: oneOfRefs(...DISCOUNT_REQUEST_TYPES) }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => DiscountOfUnknownType, {
      discriminator: { property: 'type', subTypes: [{ name: 'percent', value: PercentDiscountRequest }, { name: 'fixed', value: FixedDiscountRequest }] },
      keepDiscriminatorProperty: true,
    }),
  );
