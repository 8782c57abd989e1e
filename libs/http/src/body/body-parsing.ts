import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { LIMITS } from '@ledger/kernel';
import { EdgeHttpError, InvalidRequest } from '../errors/edge-errors';
import { routeKey, type RawTextRoutes } from '../routing/route-table';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Body handling before routing, with explicit limits: JSON routes take `application/json`
 * (or `+json`) up to LIMITS.http.bodyBytes and must hold a JSON object; @RawTextBody routes
 * take their declared text types up to LIMITS.http.ndjsonBodyBytes. Wrong type → 415,
 * too large → 413, unparsable → 400 MALFORMED_JSON. Errors go on to the problem filter.
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
    if (rawTypes) {
      if (!req.is(rawTypes)) return next(unsupported(req, rawTypes));
      return text(req, res, (error?: unknown) => next(error ? translate(error) : undefined));
    }
    if (!req.is(['application/json', '+json'])) return next(unsupported(req, ['application/json']));
    return json(req, res, (error?: unknown) => {
      if (error) return next(translate(error));
      if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
        return next(new InvalidRequest('BODY_NOT_OBJECT', 'The body must be a JSON object.'));
      }
      return next();
    });
  };
}

function unsupported(req: Request, accepted: string[]): EdgeHttpError {
  const got = req.headers['content-type'] ?? 'none';
  return new EdgeHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${got} is not accepted here; send ${accepted.join(' or ')}.`);
}

/** body-parser errors carry a `type`; map each to a problem the caller can act on. */
function translate(error: unknown): Error {
  const type = (error as { type?: unknown }).type;
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
      return error instanceof Error ? error : new Error(String(error));
  }
}
