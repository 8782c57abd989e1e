import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { assert } from '@ledger/kernel';
import { contextOf, takeIdempotencyClaim } from '@ledger/runtime';

/**
 * The Express adapter, with a server whose requests and responses are born with Express's
 * prototypes. Express re-parents every incoming `req`/`res` (`Object.setPrototypeOf(req,
 * app.request)`); in V8 that keeps each request's whole object graph alive through two young-
 * generation collections, so it is promoted and freed only by a full GC. Measured under the
 * apply-code benchmark: ~14 % of all allocation promoted, a 3–5 ms scavenge ~5 times a second,
 * the tail of checkout latency (docs/performance.md). Objects that already have the prototype make
 * Express's call a no-op (a bare Express app: promotion 20–40 % → 0 %; this app, with its
 * interceptors gone as well: 14 % → 0.3 %, scavenges ~1.2 ms).
 */
export class ExpressServerAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    assert(!options.httpsOptions && !options.forceCloseConnections, 'ExpressServerAdapter serves plain HTTP (TLS ends at the load balancer)');
    const app = this.getInstance<{ request: object; response: object }>();
    // Node's http server calls these with `new`; IncomingMessage and ServerResponse are plain constructor functions.
    function ExpressRequest(this: IncomingMessage, socket: ConstructorParameters<typeof IncomingMessage>[0]): void {
      IncomingMessage.call(this, socket);
    }
    ExpressRequest.prototype = app.request;
    function ExpressResponse(this: ServerResponse, req: IncomingMessage, options?: unknown): void {
      (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void).call(this, req, options);
    }
    ExpressResponse.prototype = app.response;
    this.setHttpServer(
      createServer(
        {
          IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
          ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
        },
        this.getInstance(),
      ),
    );
  }

  /** Every successful answer goes out here: a request that owns an Idempotency-Key records it first. */
  override reply(response: ServerResponse & { req: IncomingMessage }, body: unknown, statusCode?: number): unknown {
    const claim = takeIdempotencyClaim(contextOf(response.req));
    if (claim === undefined) return super.reply(response, body, statusCode);
    return claim.settle(statusCode ?? response.statusCode, body).then(() => super.reply(response, body, statusCode));
  }
}
