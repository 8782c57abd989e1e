import { ApiProperty } from '@nestjs/swagger';
import { GrantView } from '../grant.view';

/** What grant/create and grant/revoke answer: the grant as it now stands, and the position of the change. */
export class GrantAnswer extends GrantView {
  @ApiProperty({ type: String, nullable: true, example: '1234-56', description: 'Event-store position of the change; send it as X-Consistency-Position to read your write' })
  position: string | null;
}
