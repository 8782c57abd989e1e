// Refusals of the order decider, each with a stable code.
import { Conflict, DomainError, LIMITS, type FieldProblem } from '@ledger/kernel';
import type { FactDifference } from './order-facts';

export type FactKind = 'order' | 'return' | 'cancellation';

/** A field problem of a conflicting fact: the machine-readable values beside the sentence. */
export interface ConflictProblem extends FieldProblem {
  recorded: unknown;
  sent: unknown;
}

/** Where the recorded version of a fact is: its event's position, or earlier in the same delivery. */
export type RecordedAt = { position: string } | 'this_delivery' | 'unknown';

/**
 * A fact whose identity (the order of the stream, a return id, the one cancellation, or a source
 * reference) is recorded already with other content. Never first-wins in silence: the SCM must
 * learn that its data diverged. Names both versions: the recorded fact's source reference and
 * position, and each differing field with its recorded and sent value.
 */
export class ConflictingFact extends DomainError {
  readonly code = 'ORDER.CONFLICTING_FACT';
  readonly kind = 'conflict' as const;
  declare readonly errors: ConflictProblem[];

  constructor(
    readonly fact: { kind: FactKind; orderId: string; identity: string; sourceRef: string },
    readonly recorded: { sourceRef: string; at: RecordedAt },
    readonly differences: readonly FactDifference[],
  ) {
    super(describe(fact, recorded, differences), differences.slice(0, LIMITS.orders.conflictDifferencesShown).map(asProblem));
  }

  /** The same refusal, naming where its recorded version is (the decider cannot know positions). */
  recordedAt(at: RecordedAt): ConflictingFact {
    return new ConflictingFact(this.fact, { ...this.recorded, at }, this.differences);
  }
}

function describe(fact: ConflictingFact['fact'], recorded: ConflictingFact['recorded'], differences: readonly FactDifference[]): string {
  const where = recorded.at === 'this_delivery' ? 'earlier in this delivery' : recorded.at === 'unknown' ? 'in the order stream' : `at position ${recorded.at.position}`;
  const first = differences[0];
  const head = first === undefined ? '' : ` — ${first.field}: recorded ${show(first.recorded)}, sent ${show(first.sent)}`;
  return (
    `${fact.identity} is recorded with other content (recorded: sourceRef ${recorded.sourceRef}, ${where}; ` +
    `sent: sourceRef ${fact.sourceRef}); ${differences.length} field(s) differ${head}. SCM facts are immutable: send a change as a return or a cancellation.`
  );
}

function asProblem(d: FactDifference): ConflictProblem {
  return { field: d.field, problem: `recorded ${show(d.recorded)}, sent ${show(d.sent)}`, recorded: d.recorded, sent: d.sent };
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export class ReturnExceedsQuantity extends Conflict {
  constructor(orderId: string, lineId: string, returned: number, quantity: number) {
    super('ORDER.RETURN_EXCEEDS_QUANTITY', `Line ${lineId} of order ${orderId} would have ${returned} returned of ${quantity} ordered.`);
  }
}

export class UnknownOrderLine extends Conflict {
  constructor(orderId: string, lineId: string) {
    super('ORDER.UNKNOWN_LINE', `Order ${orderId} has no line ${lineId}.`);
  }
}

/** The order stream is bounded (ADR 0009): each return is an event on it and a clawback on each earning's stream. */
export class ReturnLimitReached extends Conflict {
  constructor(orderId: string, limit: number) {
    super('ORDER.RETURN_LIMIT_REACHED', `Order ${orderId} already has ${limit} returns, the most one order may have.`);
  }
}
