import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { LIMITS } from '@ledger/kernel';

export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/** Builds the document from the app's controllers, then adds what every operation shares. */
export function buildOpenApiDocument(app: INestApplication, version = '0.1.0'): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Influencer & affiliate ledger')
    .setDescription(
      'Every operation is `POST /influencer/<entity>/<verb>` with a JSON body. Errors are RFC 9457 `application/problem+json`. ' +
        'Command answers carry `position`; send it back as `X-Consistency-Position` to read your writes.',
    )
    .setVersion(version)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 (AUTH_JWT_SECRET) or RS256 (AUTH_JWKS_URL). Claims: `sub` (actor), `org`, `roles` (inf_*), `exp` required, `nbf` honoured.' },
      'bearer',
    )
    .addSecurityRequirements('bearer')
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config));
}

/** Serves Swagger UI at /docs and the document at /docs/openapi.json (public, outside the guard). */
export function setupOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: undefined, raw: ['json'], customSiteTitle: 'Ledger API' });
}

type Operation = Record<string, any>;
type ResponseObject = Extract<NonNullable<NonNullable<OpenAPIObject['components']>['responses']>[string], { description: string }>;
type HeadersObject = NonNullable<ResponseObject['headers']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

const problemResponse = (description: string, headers?: HeadersObject): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = {
    ...components.schemas,
    FieldProblem: {
      type: 'object',
      required: ['field', 'problem'],
      properties: {
        field: { type: 'string', example: 'lines[0].quantity', description: 'Path in the body (or `header:<Name>`)' },
        problem: { type: 'string', example: 'must be a positive number' },
      },
    },
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details',
      required: ['type', 'title', 'status', 'detail', 'code', 'errors'],
      properties: {
        type: { type: 'string', format: 'uri', example: 'urn:ledger:problem:VALIDATION_FAILED' },
        title: { type: 'string', example: 'Bad Request' },
        status: { type: 'integer', example: 400 },
        detail: { type: 'string' },
        code: { type: 'string', description: 'Stable machine-readable code', example: 'VALIDATION_FAILED' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
        correlationId: { type: 'string', description: 'The request\'s correlation id (also in X-Correlation-Id)' },
      },
    },
  };
  components.parameters = {
    ...components.parameters,
    CorrelationId: {
      name: 'X-Correlation-Id',
      in: 'header',
      required: false,
      description: `Correlates logs and events; generated when absent; echoed back. At most ${LIMITS.http.correlationIdChars} characters.`,
      schema: { type: 'string' },
    },
    ActorRole: {
      name: 'X-Actor-Role',
      in: 'header',
      required: false,
      description: 'The role you act in (one of your effective roles: token roles ∪ active grants); recorded on the events. Required by holds, releases, clawbacks, adjustments, approvals.',
      schema: { type: 'string', example: 'inf_finance' },
    },
    CostCentre: {
      name: 'X-Cost-Centre',
      in: 'header',
      required: false,
      description: `Recorded in event metadata. At most ${LIMITS.http.costCentreChars} characters.`,
      schema: { type: 'string' },
    },
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: `Same key + same body → the first answer is replayed (header Idempotent-Replayed: true); same key + different body → 409 IDEMPOTENCY_KEY_REUSED. Keys are kept ${LIMITS.http.idempotencyRetentionHours} h. At most ${LIMITS.http.idempotencyKeyChars} characters.`,
      schema: { type: 'string' },
    },
    ConsistencyPosition: {
      name: 'X-Consistency-Position',
      in: 'header',
      required: false,
      description: `A \`position\` from a command answer: the request waits (≤ ${LIMITS.http.consistencyWaitMs} ms) until the read models include it, else 503 with Retry-After.`,
      schema: { type: 'string', pattern: '^\\d{1,20}-\\d{1,20}$', example: '1234-56' },
    },
  };
  components.responses = {
    ...components.responses,
    BadRequest: problemResponse(
      `Malformed or invalid input; every invalid field is listed in \`errors\`. Also: NUL or unpaired surrogates in any string, nesting deeper than ${LIMITS.http.jsonNestingLevels}, a business time outside ${LIMITS.time.businessTimeMin} … ${LIMITS.time.businessTimeMax}, a currency not in ISO 4217, a body that is not what its Content-Encoding says`,
    ),
    Unauthorized: problemResponse('Missing, malformed, expired or badly signed bearer token', { 'WWW-Authenticate': { schema: { type: 'string' } } }),
    Forbidden: problemResponse('Role not allowed, or X-Actor-Role not held'),
    NotFound: problemResponse('Unknown id (also ids of another org)'),
    Conflict: problemResponse('Conflicts with the current state, or Idempotency-Key reused with a different body'),
    PayloadTooLarge: problemResponse(`Body larger than ${LIMITS.http.bodyBytes} bytes (JSON) / ${LIMITS.http.ndjsonBodyBytes} bytes (NDJSON)`),
    UnsupportedMediaType: problemResponse('Wrong Content-Type for this operation, or a Content-Encoding other than identity, gzip, deflate, br'),
    ServiceUnavailable: problemResponse('Temporarily unavailable (e.g. X-Consistency-Position not reached in time); retry after Retry-After seconds', {
      'Retry-After': { schema: { type: 'integer' } },
    }),
    InternalError: problemResponse('Unexpected error; logged with the correlation id'),
  };

  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = (pathItem as Record<string, Operation | undefined>)[method];
      if (op) completeOperation(op, method);
    }
  }
  return document;
}

function completeOperation(op: Operation, method: (typeof METHODS)[number]): void {
  const isPublic = op['x-ledger-public'] === true;
  const readOnly = op['x-ledger-read-only'] === true;
  const command = method === 'post' && !readOnly;
  delete op['x-ledger-public'];
  delete op['x-ledger-read-only'];
  if (isPublic) op.security = [];

  const params: Operation[] = (op.parameters ??= []);
  const hasHeader = (name: string) => params.some((p) => p.in === 'header' && String(p.name).toLowerCase() === name.toLowerCase());
  const addRef = (name: string, header: string) => {
    if (!hasHeader(header)) params.push({ $ref: `#/components/parameters/${name}` });
  };
  addRef('CorrelationId', 'X-Correlation-Id');
  if (!isPublic) {
    addRef('ActorRole', 'X-Actor-Role');
    addRef('CostCentre', 'X-Cost-Centre');
    addRef('ConsistencyPosition', 'X-Consistency-Position');
    if (command) addRef('IdempotencyKey', 'Idempotency-Key');
  }

  const responses: Operation = (op.responses ??= {});
  const add = (status: string, name: string) => {
    responses[status] ??= { $ref: `#/components/responses/${name}` };
  };
  if (method === 'post') {
    add('400', 'BadRequest');
    add('413', 'PayloadTooLarge');
    add('415', 'UnsupportedMediaType');
  }
  if (!isPublic) {
    add('400', 'BadRequest');
    add('401', 'Unauthorized');
    add('403', 'Forbidden');
    add('404', 'NotFound');
    add('503', 'ServiceUnavailable');
  }
  if (command) add('409', 'Conflict');
  add('500', 'InternalError');
}
