import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ImportRowError {
  @ApiProperty({ example: 'locked' }) code: string;
  @ApiProperty() detail: string;
  @ApiPropertyOptional({ type: [Object], description: '{ field, problem } per bad field' }) errors?: Array<{ field: string; problem: string }>;
}

export class ImportRowResult {
  @ApiProperty({ description: 'Data row from 1 (the CSV header is not a row)' }) row: number;
  @ApiProperty({ enum: ['applied', 'duplicate', 'rejected'] }) status: 'applied' | 'duplicate' | 'rejected';
  @ApiPropertyOptional({ format: 'uuid', description: 'The earning modified (the new one for make_good)' }) earningId?: string;
  @ApiPropertyOptional({ description: 'The row id: its modificationId, else derived from its content' }) modificationId?: string;
  @ApiPropertyOptional({ type: ImportRowError }) error?: ImportRowError;
}

export class ImportModificationsAnswer {
  @ApiProperty({ type: [ImportRowResult] }) rows: ImportRowResult[];
  @ApiProperty() applied: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
}
