// The SCM consumer: a durable JetStream pull consumer with explicit acks. It fetches a batch, runs
// it through the batched intake (one read, one append for the whole batch) and acks each message
// only once its fact is appended, or known already (duplicate), or can never be appended (then it
// goes to the dead-letter subject first). A message that fails for something other than a transient
// error (a bug it triggers) is dead-lettered, parked (parked_event, ADR 0010) and acked: it is not
// redelivered until it gives up. A transient failure is nak'ed with a growing delay and comes back;
// a redelivered message is a duplicate to the order stream, so it never makes a second event.
import { AckPolicy, connect, DeliverPolicy, headers, Match, nanos, NatsError, type JetStreamManager, type JsMsg, type NatsConnection } from 'nats';
import { abortableDelay } from '@ledger/event-store';
import type { Logger } from '@ledger/runtime';
import { DomainError, LIMITS, type FieldProblem } from '@ledger/kernel';
import { isTransientError } from '@ledger/projections';
import type { IntakeItem, ScmIntake } from '../../scm-intake';
import { readScmMessage } from './scm-nats.messages';
import { parkMessage, retryParkedMessages, type NatsParking } from './scm-nats.parking';
import type { ScmNatsSettings } from './scm-nats.settings';

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

interface DeadLetter {
  code: string;
  detail: string;
  errors: FieldProblem[];
}

export class ScmNatsConsumer {
  private connection: NatsConnection | null = null;
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly settings: ScmNatsSettings,
    private readonly intake: ScmIntake,
    private readonly log: Logger,
    /** Where failing messages are recorded; null: they are only dead-lettered (a process without the database). */
    private readonly parking: NatsParking | null = null,
  ) {}

  /** Returns at once; connecting, creating the stream/consumer and consuming go on in the background (retried). */
  start(): void {
    this.running ??= this.run();
  }

  /** Lets the current fetch end and its batch settle, then drains the connection. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    await this.connection?.drain().catch(() => undefined);
    this.connection = null;
  }

  private async run(): Promise<void> {
    const { servers, stream, durable, subject } = this.settings;
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        // Fails fast when NATS is down (retried below, abortably); once connected the client reconnects by itself.
        if (this.connection === null || this.connection.isClosed()) {
          this.connection = await connect({ servers, name: `ledger-${durable}`, maxReconnectAttempts: -1 });
        }
        const jsm = await this.connection.jetstreamManager();
        await this.ensureStream(jsm);
        await this.ensureConsumer(jsm);
        const consumer = await this.connection.jetstream().consumers.get(stream, durable);
        this.log.info('SCM consumer running', { stream, durable, subject, dlqSubject: this.settings.dlqSubject });
        while (!this.stopping.signal.aborted) {
          if (this.parking) await retryParkedMessages(this.parking, jsm, this.intake);
          const batch = await consumer.fetch({ max_messages: this.settings.fetchMessages, expires: this.settings.fetchExpiresMs });
          const messages: JsMsg[] = [];
          for await (const message of batch) messages.push(message);
          if (messages.length > 0) await this.handle(messages);
          failures = 0;
        }
      } catch (error) {
        failures += 1;
        const waitMs = Math.min(LIMITS.orders.natsNakDelayMs * 2 ** Math.min(failures - 1, 10), LIMITS.orders.natsNakDelayMaxMs);
        this.log.error('SCM consumer failed; retrying', { err: error, failures, retryInMs: waitMs });
        await abortableDelay(waitMs, this.stopping.signal);
      }
    }
  }

  /** Creates the stream if missing; adds our subject and the dead-letter subject to an existing one. */
  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    const { stream, subject, dlqSubject } = this.settings;
    try {
      const info = await jsm.streams.info(stream);
      const subjects = info.config.subjects ?? [];
      const missing = [subject, dlqSubject].filter((s) => !subjects.includes(s));
      if (missing.length > 0) {
        await jsm.streams.update(stream, { ...info.config, subjects: [...subjects, ...missing] });
        this.log.warn('added subjects to the existing SCM stream', { stream, added: missing });
      }
    } catch (error) {
      if (!isApiError(error, STREAM_NOT_FOUND)) throw error;
      await jsm.streams.add({ name: stream, subjects: [subject, dlqSubject] });
      this.log.info('created the SCM stream', { stream, subjects: [subject, dlqSubject] });
    }
  }

  private async ensureConsumer(jsm: JetStreamManager): Promise<void> {
    const { stream, durable, subject, ackWaitMs, maxDeliver, fetchMessages } = this.settings;
    // At most two batches unacknowledged: the server stops delivering beyond it (bounded memory, bounded redelivery storms).
    const bounded = { ack_wait: nanos(ackWaitMs), max_deliver: maxDeliver, max_ack_pending: 2 * fetchMessages, filter_subject: subject };
    try {
      const info = await jsm.consumers.info(stream, durable);
      const c = info.config;
      if (c.ack_wait !== bounded.ack_wait || c.max_deliver !== maxDeliver || c.max_ack_pending !== bounded.max_ack_pending || c.filter_subject !== subject) {
        await jsm.consumers.update(stream, durable, bounded);
      }
    } catch (error) {
      if (!isApiError(error, CONSUMER_NOT_FOUND)) throw error;
      await jsm.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ...bounded });
    }
  }

  /** One fetched batch: one intake call; each message acked, dead-lettered or nak'ed on its own result. */
  private async handle(messages: JsMsg[]): Promise<void> {
    const read = messages.map((m) =>
      readScmMessage({ data: m.data, header: (name) => m.headers?.get(name, Match.IgnoreCase) || undefined, stream: m.info.stream, streamSequence: m.seq, consumer: m.info.consumer }),
    );
    const accepted = messages.flatMap((m, i) => {
      const r = read[i]!;
      return r.ok ? [{ message: m, item: r.item }] : [];
    });
    for (const [i, r] of read.entries()) if (!r.ok) await this.deadLetter(messages[i]!, r);

    let outcome: Awaited<ReturnType<ScmIntake['ingest']>>;
    try {
      outcome = await this.intake.ingest(accepted.map((a) => a.item));
    } catch (error) {
      // Nothing of the batch was appended. One message may be the cause (a bug it triggers): go one by one.
      if (accepted.length > 1 && !isTransientError(error)) {
        for (const a of accepted) await this.handleOne(a.message, a.item);
        return;
      }
      for (const a of accepted) await this.failed(a.message, a.item, error);
      return;
    }
    for (const [i, result] of outcome.results.entries()) {
      const { message } = accepted[i]!;
      if (result.status === 'rejected') await this.deadLetter(message, refusal(result.error));
      else message.ack();
    }
  }

  private async handleOne(message: JsMsg, item: Parameters<ScmIntake['ingest']>[0][number]): Promise<void> {
    try {
      const [result] = (await this.intake.ingest([item])).results;
      if (result!.status === 'rejected') await this.deadLetter(message, refusal(result!.error));
      else message.ack();
    } catch (error) {
      await this.failed(message, item, error);
    }
  }

  /** A transient failure comes back later; anything else is the message's own problem: parked, not redelivered. */
  private async failed(message: JsMsg, item: IntakeItem, error: unknown): Promise<void> {
    if (isTransientError(error)) await this.retryLater(message, error, item);
    else await this.parkAndAck(message, item, error);
  }

  /**
   * Dead-letters the message (its payload stays findable there and at its stream sequence) and
   * records it in parked_event, then acks. Without the record it is naked again, as before: a
   * message is never dropped unrecorded.
   */
  private async parkAndAck(message: JsMsg, item: IntakeItem | null, error: unknown): Promise<void> {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'CONSUMER_FAILED';
    try {
      if (this.parking) await parkMessage(this.parking, message, item, error, this.settings.dlqSubject);
    } catch (parkError) {
      this.log.error('SCM message failed and could not be parked; redelivery later', { err: parkError, seq: message.seq });
      message.nak(LIMITS.orders.natsNakDelayMs);
      return;
    }
    this.log.error('SCM message parked: the consumer cannot process it', { err: error, seq: message.seq, subject: message.subject, code });
    await this.deadLetter(message, { code, detail: (error as Error).message ?? String(error), errors: [] });
  }

  /** A transient failure: redeliver later, with a delay that grows per delivery; the last delivery is parked and dead-lettered. */
  private async retryLater(message: JsMsg, error: unknown, item: IntakeItem | null = null): Promise<void> {
    const deliveries = message.info.redeliveryCount; // 1 on the first delivery
    if (deliveries >= this.settings.maxDeliver) {
      const gaveUp = Object.assign(new Error(`failed on each of ${deliveries} deliveries; last: ${(error as Error).message ?? String(error)}`), { code: 'GAVE_UP' });
      await this.parkAndAck(message, item, gaveUp);
      return;
    }
    const delayMs = Math.min(LIMITS.orders.natsNakDelayMs * 2 ** (deliveries - 1), LIMITS.orders.natsNakDelayMaxMs);
    this.log.warn('SCM message not appended; redelivery later', { err: error, seq: message.seq, deliveries, delayMs });
    message.nak(delayMs);
  }

  /**
   * Publishes the message with the reason to the dead-letter subject, then acks it. The publish is
   * deduplicated by the original's stream sequence, so a redelivered bad message is dead-lettered once.
   */
  private async deadLetter(message: JsMsg, why: DeadLetter): Promise<void> {
    const { stream, dlqSubject } = this.settings;
    this.log.warn('SCM message refused; dead-lettered', { seq: message.seq, subject: message.subject, code: why.code, detail: why.detail, errors: why.errors });
    const h = headers();
    for (const [name, values] of message.headers ?? []) for (const value of values) h.append(name, value);
    h.set('Ledger-Dlq-Code', why.code);
    h.set('Ledger-Dlq-Detail', oneLine(why.detail));
    if (why.errors.length > 0) h.set('Ledger-Dlq-Errors', oneLine(JSON.stringify(why.errors)));
    h.set('Ledger-Dlq-Subject', message.subject);
    h.set('Ledger-Dlq-Sequence', String(message.seq));
    try {
      await this.connection!.jetstream().publish(dlqSubject, message.data, { headers: h, msgID: `dlq-${stream}-${message.seq}` });
      message.ack();
    } catch (error) {
      if (message.info.redeliveryCount >= this.settings.maxDeliver) {
        // Still in the stream at its sequence; the log line is how an operator finds it.
        this.log.error('dead-letter publish failed on the last delivery; message acked, find it by sequence', { err: error, stream, seq: message.seq, code: why.code });
        message.ack();
      } else {
        message.nak(LIMITS.orders.natsNakDelayMs);
      }
    }
  }
}

function refusal(error: DomainError): DeadLetter {
  return { code: error.code, detail: error.message, errors: error.errors ?? [] };
}

function isApiError(error: unknown, errCode: number): boolean {
  return error instanceof NatsError && error.api_error?.err_code === errCode;
}

/** Header values are single lines. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 4_000);
}

