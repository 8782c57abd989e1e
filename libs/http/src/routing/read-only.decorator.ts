import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const READ_ONLY = 'ledger:readOnly';

/**
 * A query in the POST-everything convention (`earning/list`, `balance/get`): answers 200, is
 * not a command — no Idempotency-Key record, no command-latency sample.
 */
export const ReadOnly = (): MethodDecorator =>
  applyDecorators(SetMetadata(READ_ONLY, true), HttpCode(200), ApiExtension('x-ledger-read-only', true));
