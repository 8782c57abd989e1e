/**
 * A local fake of Stripe's transfers API for the stripe_connect tests, reached through the stripe client's
 * host/port/protocol options (STRIPE_API_BASE). Like Stripe it replays the first answer for an Idempotency-Key it
 * has seen (and refuses the key with other parameters). Destinations decide the behaviour: `acct_fail…` is
 * refused (account_invalid), `acct_slow…` is accepted — the transfer exists at once — but answered only after
 * `slowAnswerMs`, past the caller's timeout; anything else is a transfer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface FakeTransfer {
  id: string;
  amount: number;
  currency: string;
  destination: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export class FakeStripe {
  readonly transfers: FakeTransfer[] = [];
  /** Requests received per idempotency key (attempts, replays included). */
  readonly requests = new Map<string, number>();
  private readonly answers = new Map<string, { params: string; status: number; body: unknown }>();
  private server: Server | null = null;

  constructor(private readonly slowAnswerMs: number) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await bodyOf(req);
    if (req.method !== 'POST' || req.url !== '/v1/transfers') return send(res, 404, { error: { type: 'invalid_request_error', message: `no route ${req.method} ${req.url}` } });
    const key = String(req.headers['idempotency-key'] ?? '');
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const seen = this.answers.get(key);
    if (seen !== undefined) {
      if (seen.params !== raw) return send(res, 400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } });
      return send(res, seen.status, seen.body);
    }
    const params = new URLSearchParams(raw);
    const destination = params.get('destination') ?? '';
    const metadata: Record<string, string> = {};
    for (const [name, value] of params) {
      const match = /^metadata\[(.+)\]$/.exec(name);
      if (match) metadata[match[1]!] = value;
    }
    if (destination.startsWith('acct_fail')) {
      const body = { error: { type: 'invalid_request_error', code: 'account_invalid', message: `No such destination: '${destination}'` } };
      this.answers.set(key, { params: raw, status: 400, body });
      return send(res, 400, body);
    }
    const transfer: FakeTransfer = { id: `tr_${randomUUID().replace(/-/g, '').slice(0, 24)}`, amount: Number(params.get('amount')), currency: params.get('currency') ?? '', destination, metadata, idempotencyKey: key };
    this.transfers.push(transfer);
    const body = { id: transfer.id, object: 'transfer', amount: transfer.amount, currency: transfer.currency, destination, metadata, reversed: false };
    this.answers.set(key, { params: raw, status: 200, body });
    if (destination.startsWith('acct_slow')) setTimeout(() => send(res, 200, body), this.slowAnswerMs);
    else send(res, 200, body);
  }
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${randomUUID()}` });
  res.end(JSON.stringify(body));
}
