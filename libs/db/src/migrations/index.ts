import type { Migration } from 'kysely';

// Frozen migrations, named with an ISO timestamp prefix, applied in key order.
// Each capability adds its file here; never edit a migration that has landed.
export const migrations: Record<string, Migration> = {};
