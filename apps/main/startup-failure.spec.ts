// Proves the last line of a failed start: one line, saying what to do, whatever failed.
import { EmbeddedPostgresError } from '@ledger/db';
import { XidRegression } from '@ledger/event-store';
import { startupFailureLine } from './startup-failure';

it.each([
  [new EmbeddedPostgresError('initdb failed (1) in /x: boom — remove that directory and retry, or set DATABASE_URL'), /^ledger could not start: initdb failed .*set DATABASE_URL$/],
  [new XidRegression(10n, 5n), /^ledger could not start: event store: .*docs\/runbooks\/xid-regression\.md$/],
  [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), /check DATABASE_URL/],
  [Object.assign(new Error('password authentication failed'), { code: '28P01' }), /wrong password\): check DATABASE_URL/],
  [Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), { code: 'EADDRINUSE' }), /choose another PORT/],
  [new Error('first line\n    at stack (x.ts:1)'), /^ledger could not start: first line — the log line above/],
])('%s', (error, line) => {
  const text = startupFailureLine(error);
  expect(text).not.toContain('\n');
  expect(text).toMatch(line);
});
