// The audit context's public surface.
export * from './audit.http.module';
