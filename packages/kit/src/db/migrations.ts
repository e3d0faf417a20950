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

/** `schema`: PostgreSQL's schema of the service (`Database.schema`), where its records live. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: NamedMigrations,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(migrations),
    // Features number their migrations in their own range (0100 signup, 0200 oauth …), so a feature
    // may add one that sorts before another feature's already applied migration.
    allowUnorderedMigrations: true,
    // On PostgreSQL both services may share one database, a schema each. Kysely looks for its
    // records in every schema unless told which, and would take the other service's for its own.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const what = failed ? `migration ${failed.migrationName} failed` : "migrations failed";
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
