// Proves the server hands Express requests and responses that already have Express's prototypes (so Express's
// per-request Object.setPrototypeOf is a no-op, see the adapter), and that they still work as node:http's.
import { request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ExpressServerAdapter } from './express-server.adapter';

it('creates req/res with the Express app prototypes, and serves a request', async () => {
  const adapter = new ExpressServerAdapter();
  const app = adapter.getInstance<Express>();
  app.post('/echo', (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => res.status(201).json({ got: body }));
  });
  adapter.initHttpServer({});
  const server = adapter.getHttpServer() as Server;
  const prototypes: boolean[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    prototypes.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/echo', method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end('hello');
    });
    expect(answer).toEqual({ status: 201, body: JSON.stringify({ got: 'hello' }) });
    expect(prototypes).toEqual([true, true]);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
