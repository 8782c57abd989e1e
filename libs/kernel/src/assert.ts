// A failed assertion is a bug, never a user error: it throws AssertionFailed, which the edge
// reports as 500 and logs loudly. Use DomainError for anything a caller can cause.
export class AssertionFailed extends Error {
  constructor(message: string) {
    super(`assertion failed: ${message}`);
    this.name = 'AssertionFailed';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionFailed(message);
}

export function assertNever(value: never, message = 'unexpected variant'): never {
  throw new AssertionFailed(`${message}: ${JSON.stringify(value)}`);
}
