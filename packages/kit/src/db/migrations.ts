import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";

/**
 * Migrations are owned by the feature folders and named `NNNN_feature_what`; the service lists
 * them in one array. Names sort in the order they must run.
 */
export type NamedMigrations = Record<string, Migration>;

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: NamedMigrations) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

export async function migrateToLatest(db: Kysely<unknown>, migrations: NamedMigrations): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(migrations) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const what = failed ? `migration ${failed.migrationName} failed` : "migrations failed";
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
