import { ApiProperty } from '@nestjs/swagger';

/** `position` of a command answer, for the OpenAPI document. */
export const PositionField = (): PropertyDecorator =>
  ApiProperty({
    type: String,
    nullable: true,
    example: '1234-56',
    description: 'Event-store position of the last event; send it as X-Consistency-Position to read your write',
  });
