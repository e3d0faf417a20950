import { backupSqliteFiles } from "@sesame/kit/db/sqlite-backup";
import type { IdentityConfig } from "../config";
import { CliError } from "./cli-command";

export const backupUsage = "backup <directory>";
export const backupSummary =
  "copy both services' SQLite databases into a new directory while they run (PostgreSQL: pg_dump)";

/**
 * `sesame backup <directory>`: both services' SQLite files, by SQLite's online backup, into
 * <directory>/identity.sqlite and <directory>/portal.sqlite. Works without migrating or opening
 * the service's storage, so it never changes what it copies.
 */
export async function runBackup(config: IdentityConfig, target: string | undefined): Promise<string> {
  if (!target) throw new CliError("missing <directory>");
  const url = config.DATABASE_URL;
  if (url?.startsWith("postgres")) {
    throw new CliError("DATABASE_URL is PostgreSQL: back it up with pg_dump (see the README)");
  }
  let copies: Awaited<ReturnType<typeof backupSqliteFiles>>;
  try {
    copies = await backupSqliteFiles(
      { url, dataDir: config.SESAME_DATA_DIR, services: ["identity", "portal"] },
      target,
    );
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (copies.length === 0) throw new CliError(`no SQLite database in ${config.SESAME_DATA_DIR}`);
  return copies.map((c) => `${c.service}: ${c.from} -> ${c.to}`).join("\n");
}
