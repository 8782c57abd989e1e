import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { jsonTextProblems, LIMITS, ValidationFailed } from '@ledger/kernel';
import { EdgeHttpError, InvalidRequest } from '../errors/edge-errors';
import { routeKey, type RawTextRoutes } from '../routing/route-table';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** What body-parser decodes; anything else (zstd depends on the Node version, lists like `gzip, br`) is a 415 up front. */
const CONTENT_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'];

/**
 * Body handling before routing, with explicit limits: JSON routes take `application/json`
 * (or `+json`) up to LIMITS.http.bodyBytes and must hold a JSON object; @RawTextBody routes
 * take their declared text types up to LIMITS.http.ndjsonBodyBytes. Wrong type or Content-Encoding
 * → 415, too large (decoded) → 413, unparsable → 400 MALFORMED_JSON, a body that is not what its
 * Content-Encoding says → 400 CONTENT_ENCODING_MISMATCH. A JSON body whose text the store cannot hold
 * (NUL, lone surrogates), with keys named like members of every object, or nested deeper than
 * LIMITS.http.jsonNestingLevels → 400 naming each field, here once for every route (jsonTextProblems).
 * Errors go on to the problem filter.
 */
export function bodyParsing(rawTextRoutes: RawTextRoutes): RequestHandler {
  const json = express.json({ limit: LIMITS.http.bodyBytes, strict: true, type: () => true });
  const text = express.text({ limit: LIMITS.http.ndjsonBodyBytes, type: () => true, defaultCharset: 'utf-8' });

  return (req: Request, res: Response, next: NextFunction) => {
    if (!METHODS_WITH_BODY.has(req.method)) return next();
    const rawTypes = rawTextRoutes.get(routeKey(req.method, req.path));
    // type-is says null when there is no body; `Content-Length: 0` (curl -X POST, supertest) is no body either.
    const hasBody = req.is('*/*') !== null && req.headers['content-length'] !== '0';

    if (!hasBody) {
      // An empty POST is an empty command: validation then names every required field.
      req.body = rawTypes ? '' : {};
      return next();
    }
    const encoding = contentEncodingOf(req);
    if (!CONTENT_ENCODINGS.includes(encoding)) {
      return next(new EdgeHttpError(415, 'UNSUPPORTED_CONTENT_ENCODING', `Content-Encoding ${encoding} is not accepted; send ${CONTENT_ENCODINGS.join(', ')}.`));
    }
    if (rawTypes) {
      if (!req.is(rawTypes)) return next(unsupported(req, rawTypes));
      return text(req, res, (error?: unknown) => next(error ? translate(error, encoding) : undefined));
    }
    if (!req.is(['application/json', '+json'])) return next(unsupported(req, ['application/json']));
    return json(req, res, (error?: unknown) => {
      if (error) return next(translate(error, encoding));
      if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
        return next(new InvalidRequest('BODY_NOT_OBJECT', 'The body must be a JSON object.'));
      }
      const unstorable = jsonTextProblems(req.body);
      if (unstorable.length > 0) return next(new ValidationFailed(unstorable, 'The body holds text the ledger cannot store, or nests too deep.'));
      return next();
    });
  };
}

function unsupported(req: Request, accepted: string[]): EdgeHttpError {
  const got = req.headers['content-type'] ?? 'none';
  return new EdgeHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${got} is not accepted here; send ${accepted.join(' or ')}.`);
}

function contentEncodingOf(req: Request): string {
  return (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase() || 'identity';
}

/** body-parser errors carry a `type`; map each to a problem the caller can act on. */
function translate(error: unknown, encoding: string): Error {
  const type = (error as { type?: unknown }).type;
  // zlib's errors (a plain body sent as gzip, a truncated stream) reach us as a bare 400 with no type.
  if (type === undefined && encoding !== 'identity' && (error as { status?: unknown }).status === 400) {
    return new InvalidRequest('CONTENT_ENCODING_MISMATCH', `The body is not valid ${encoding} data, as its Content-Encoding says (${(error as Error).message}).`);
  }
  switch (type) {
    case 'entity.parse.failed':
      return new InvalidRequest('MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message}`);
    case 'entity.too.large':
      return new EdgeHttpError(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${(error as { limit?: number }).limit ?? 'the'} bytes.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new EdgeHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', (error as Error).message);
    case 'request.aborted':
    case 'request.size.invalid':
      return new InvalidRequest('BODY_INCOMPLETE', 'The body ended before its declared length.');
    default:
      // Any other 400 of the reader (http-errors, `expose`d) is still the caller's body, not our fault.
      if ((error as { status?: unknown }).status === 400) return new InvalidRequest('MALFORMED_BODY', `The body could not be read: ${(error as Error).message}`);
      return error instanceof Error ? error : new Error(String(error));
  }
}
