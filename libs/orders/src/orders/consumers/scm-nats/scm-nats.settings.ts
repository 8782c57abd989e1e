// Settings of the SCM consumer. NATS_URL and NATS_SUBJECT come validated from @ledger/config; the
// JetStream names below are read here (with the same every-problem-listed validation) until config
// carries them. Defaults suit one ledger per NATS account.
import type { AppConfig } from '@ledger/config';
import { LIMITS } from '@ledger/kernel';

export interface ScmNatsSettings {
  servers: string;
  /** Filter subject of the consumer; the stream captures it. */
  subject: string;
  stream: string;
  durable: string;
  /** Where permanently invalid messages go, with the reason in headers (kept in the same stream). */
  dlqSubject: string;
  fetchMessages: number;
  fetchExpiresMs: number;
  ackWaitMs: number;
  maxDeliver: number;
}

export const SCM_SUBJECT_DEFAULT = 'scm.orders.>';
export const SCM_STREAM_DEFAULT = 'SCM_ORDERS';
export const SCM_DURABLE_DEFAULT = 'ledger-scm-intake';
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SUBJECT = /^[A-Za-z0-9_$*>-]+(\.[A-Za-z0-9_$*>-]+)*$/;

/** Null when NATS_URL is unset: no consumer runs. Throws listing every bad variable. */
export function scmNatsSettings(config: AppConfig, env: Record<string, string | undefined> = process.env): ScmNatsSettings | null {
  if (config.nats.url === null) return null;
  // NATS_SUBJECT is validated by config, whose default is SCM_SUBJECT_DEFAULT.
  const subject = config.nats.subject;
  const stream = env.NATS_STREAM ?? SCM_STREAM_DEFAULT;
  const durable = env.NATS_DURABLE ?? SCM_DURABLE_DEFAULT;
  const dlqSubject = env.NATS_DLQ_SUBJECT ?? `${stream}.dlq`;
  const problems: string[] = [];
  if (!NAME.test(stream)) problems.push(`NATS_STREAM: must match ${NAME}`);
  if (!NAME.test(durable)) problems.push(`NATS_DURABLE: must match ${NAME}`);
  if (!SUBJECT.test(dlqSubject) || /[*>]/.test(dlqSubject)) problems.push('NATS_DLQ_SUBJECT: must be a subject without wildcards');
  else if (subjectMatches(subject, dlqSubject)) problems.push(`NATS_DLQ_SUBJECT: ${dlqSubject} matches the consumer's subject ${subject}; dead letters would come back`);
  if (problems.length > 0) throw new Error(`invalid NATS consumer settings:\n  ${problems.join('\n  ')}`);
  return {
    servers: config.nats.url,
    subject,
    stream,
    durable,
    dlqSubject,
    fetchMessages: LIMITS.orders.natsFetchMessages,
    fetchExpiresMs: LIMITS.orders.natsFetchExpiresMs,
    ackWaitMs: LIMITS.orders.natsAckWaitMs,
    maxDeliver: LIMITS.orders.natsMaxDeliver,
  };
}

/** NATS subject matching: `*` one token, `>` one or more trailing tokens. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
}
