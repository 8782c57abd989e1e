/**
 * Thrown by the idempotency interceptor to short-circuit a retried request: the problem
 * filter (the one place that writes non-standard answers) sends the stored status and body.
 */
export class StoredAnswerReplay extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly contentType: string,
  ) {
    super(`idempotent replay (${status})`);
    this.name = 'StoredAnswerReplay';
  }
}
