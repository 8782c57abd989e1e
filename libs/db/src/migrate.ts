import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from './migrations';

// Migrations are listed in one index (bundlers and FileMigrationProvider don't mix).
class IndexMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new IndexMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
