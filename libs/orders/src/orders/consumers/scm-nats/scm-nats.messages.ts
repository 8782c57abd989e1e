// One JetStream message → an intake item, or the reason it can never be one. A message is one SCM
// event, exactly an NDJSON line of scm/ingest; the org travels in the `Ledger-Org` header (the
// payload stays the same on every door, and a publisher cannot smuggle another org in a field).
import type { EventMetadata } from '@ledger/event-store';
import type { FieldProblem } from '@ledger/kernel';
import { parseScmEvent } from '../../scm-fact';
import type { IntakeItem } from '../../scm-intake';

export const ORG_HEADER = 'Ledger-Org';
export const CORRELATION_HEADER = 'Ledger-Correlation-Id';
const ORG = /^[A-Za-z0-9_-]{1,64}$/;
const CORRELATION = /^[\x21-\x7e]{1,128}$/;

export interface ScmMessage {
  data: Uint8Array;
  header(name: string): string | undefined;
  stream: string;
  streamSequence: number;
  consumer: string;
}

export type ReadMessage = { ok: true; item: IntakeItem } | { ok: false; code: string; detail: string; errors: FieldProblem[] };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function readScmMessage(message: ScmMessage): ReadMessage {
  const org = message.header(ORG_HEADER);
  if (org === undefined || !ORG.test(org)) {
    return { ok: false, code: 'ORG_HEADER_INVALID', detail: `The ${ORG_HEADER} header must name the org (letters, digits, _ and -).`, errors: [{ field: `header:${ORG_HEADER}`, problem: org === undefined ? 'is required' : 'is not an org id' }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(message.data));
  } catch (error) {
    return { ok: false, code: 'MALFORMED_JSON', detail: `The message is not UTF-8 JSON: ${(error as Error).message}`, errors: [] };
  }
  const parsed = parseScmEvent(raw);
  if (!parsed.ok) return { ok: false, code: 'VALIDATION_FAILED', detail: 'The message has invalid fields.', errors: parsed.problems };
  const { fact } = parsed;
  const at = `nats:${message.stream}:${message.streamSequence}`;
  const correlation = message.header(CORRELATION_HEADER);
  const metadata: EventMetadata = {
    org,
    actorId: `nats:${message.consumer}`,
    correlationId: correlation !== undefined && CORRELATION.test(correlation) ? correlation : at,
    causationId: at,
    sourceRef: fact.data.sourceRef,
    schemaVersion: 1,
    occurredAt: fact.data.occurredAt,
  };
  return { ok: true, item: { org, fact, metadata } };
}
