import type { Database, DatabaseOptions } from "./database";
import { openSqlite } from "./sqlite-database";

export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const url = options.url;
  if (url?.startsWith("postgres://") || url?.startsWith("postgresql://")) {
    // node-postgres is loaded only for a PostgreSQL URL: a SQLite process does not hold it (docs/performance.md).
    const { openPostgres } = await import("./postgres-database");
    return openPostgres<DB>(url, options.name);
  }
  return openSqlite<DB>(url, options);
}
