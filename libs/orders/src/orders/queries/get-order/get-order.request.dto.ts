import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class GetOrderRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  orderId: string;
}
