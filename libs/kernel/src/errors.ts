// Domain errors carry a stable code; only the HTTP edge maps `kind` to a status.
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'unavailable' | 'rate_limited';

export interface FieldProblem {
  field: string;
  problem: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly errors?: FieldProblem[];

  constructor(message: string, errors?: FieldProblem[]) {
    super(message);
    this.name = new.target.name;
    if (errors) this.errors = errors;
  }
}

export class ValidationFailed extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'invalid' as const;
  constructor(errors: FieldProblem[], message = 'The request has invalid fields.') {
    super(message, errors);
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class Conflict extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const;
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class Unauthorized extends DomainError {
  readonly kind = 'unauthorized' as const;
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class Unavailable extends DomainError {
  readonly kind = 'unavailable' as const;
  constructor(readonly code: string, message: string, readonly retryAfterSeconds = 1) {
    super(message);
  }
}

/** The caller sent more than its share: retry after `retryAfterSeconds` (429 with Retry-After). */
export class RateLimited extends DomainError {
  readonly kind = 'rate_limited' as const;
  constructor(readonly code: string, message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
