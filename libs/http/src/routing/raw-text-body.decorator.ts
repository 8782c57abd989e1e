import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';

export const RAW_TEXT_BODY = 'ledger:rawTextBody';

/**
 * The route takes a text body of these content types (e.g. `application/x-ndjson` for
 * `scm/ingest`) instead of JSON, up to LIMITS.http.ndjsonBodyBytes; `@Body()` is the string.
 * The route path must be static (the body parser looks it up before routing).
 */
export const RawTextBody = (...contentTypes: [string, ...string[]]): MethodDecorator =>
  applyDecorators(
    SetMetadata(RAW_TEXT_BODY, contentTypes),
    ApiConsumes(...contentTypes),
    ApiBody({ schema: { type: 'string', description: contentTypes.includes('application/x-ndjson') ? 'One JSON object per line' : 'Text body' } }),
  );
