import { DomainError, type FieldProblem } from '@ledger/kernel';

// Errors the edge itself raises. Domain code uses the kernel family; these add a stable code
// to a 400 (the kernel's ValidationFailed always says VALIDATION_FAILED) and carry 413/415.

/** 400 with a specific code, e.g. ACTING_ROLE_REQUIRED or CONSISTENCY_POSITION_MALFORMED. */
export class InvalidRequest extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(readonly code: string, message: string, errors?: FieldProblem[]) {
    super(message, errors);
  }
}

/** Statuses outside the DomainError kinds, raised only by the edge. */
export class EdgeHttpError extends Error {
  constructor(
    readonly status: 413 | 415 | 405,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EdgeHttpError';
  }
}
