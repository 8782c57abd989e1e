// Proves the SCM consumer settings: no consumer without NATS_URL, the documented defaults, every bad variable listed, and a dead-letter subject the consumer would read back refused; NATS subject matching by table.
import { loadConfig } from '@ledger/config';
import { scmNatsSettings, subjectMatches } from './scm-nats.settings';

const config = (env: Record<string, string> = {}) => loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), ...env });

it('runs no consumer without NATS_URL', () => {
  expect(scmNatsSettings(config(), {})).toBeNull();
});

it('defaults: subject scm.orders.>, stream SCM_ORDERS, durable ledger-scm-intake, dead letters on <stream>.dlq', () => {
  const env = { NATS_URL: 'nats://127.0.0.1:4222' };
  expect(scmNatsSettings(config(env), env)).toMatchObject({
    servers: 'nats://127.0.0.1:4222',
    subject: 'scm.orders.>',
    stream: 'SCM_ORDERS',
    durable: 'ledger-scm-intake',
    dlqSubject: 'SCM_ORDERS.dlq',
  });
});

it('takes NATS_SUBJECT from config and the JetStream names from the environment', () => {
  const env = { NATS_URL: 'nats://n:4222', NATS_SUBJECT: 'erp.facts.*', NATS_STREAM: 'ERP', NATS_DURABLE: 'ledger', NATS_DLQ_SUBJECT: 'erp.dead' };
  expect(scmNatsSettings(config(env), env)).toMatchObject({ subject: 'erp.facts.*', stream: 'ERP', durable: 'ledger', dlqSubject: 'erp.dead' });
});

it('lists every bad variable, and refuses a dead-letter subject the consumer would read back', () => {
  const env = { NATS_URL: 'nats://n:4222', NATS_STREAM: 'no spaces', NATS_DURABLE: 'a.b', NATS_DLQ_SUBJECT: 'scm.orders.dlq' };
  expect(() => scmNatsSettings(config(env), env)).toThrow(/NATS_STREAM[\s\S]*NATS_DURABLE[\s\S]*NATS_DLQ_SUBJECT: scm.orders.dlq matches/);
});

it.each([
  ['scm.orders.>', 'scm.orders.eu', true],
  ['scm.orders.>', 'scm.orders.eu.shop1', true],
  ['scm.orders.>', 'scm.orders', false],
  ['scm.*.placed', 'scm.eu.placed', true],
  ['scm.*.placed', 'scm.eu.returned', false],
  ['scm.events', 'scm.events', true],
  ['scm.events', 'scm.events.dlq', false],
  ['>', 'anything.at.all', true],
])('%s matches %s: %s', (filter, subject, expected) => {
  expect(subjectMatches(filter, subject)).toBe(expected);
});
