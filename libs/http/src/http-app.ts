import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bodyParsing } from './body/body-parsing';
import { contextScope, contextStart } from './context/context.middleware';
import { buildOpenApiDocument, setupOpenApi } from './docs/openapi';
import { requestLog } from './observability/request-log';
import { ExpressServerAdapter } from './server/express-server.adapter';
import { collectCommandRoutes, collectRawTextRoutes } from './routing/route-table';
import type { LedgerRuntime } from '@ledger/runtime';
import { LIMITS } from '@ledger/kernel';

/**
 * Creates and initialises the Nest HTTP application (not yet listening). The Express-level
 * pieces live here because they must run before routing, in this order: request context →
 * request log → body parsing (limits, 415, 413, malformed JSON) → AsyncLocalStorage scope.
 */
export async function createHttpApp(rootModule: Type | DynamicModule, runtime: LedgerRuntime): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, new ExpressServerAdapter(), {
    bodyParser: false,
    logger: runtime.logger.forNest(),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // Behind a reverse proxy every client would otherwise share the proxy's address (share-link rate limits).
  app.set('trust proxy', runtime.config.trustProxy);
  app.use(
    contextStart(),
    requestLog(runtime.logger, runtime.metrics, collectCommandRoutes(app)),
    bodyParsing(collectRawTextRoutes(app)),
    contextScope(),
  );
  const server = app.getHttpServer();
  server.keepAliveTimeout = LIMITS.http.keepAliveTimeoutMs;
  // Node requires headersTimeout > keepAliveTimeout, or a kept-alive socket's next request could time out on its headers.
  server.headersTimeout = LIMITS.http.keepAliveTimeoutMs + 1_000;
  setupOpenApi(app, buildOpenApiDocument(app));
  await app.init();
  return app;
}
