import type { Database } from "../db/database";

/**
 * Startup work that must not run twice at once when several instances start together on one
 * database: migrations, and the demo seed (two seeds racing would both try to create the same
 * tenant). One at a time per service on PostgreSQL; retried until it goes through on SQLite.
 */
export function withStartupLock<T>(
  database: Pick<Database<unknown>, "exclusively">,
  fn: () => Promise<T>,
): Promise<T> {
  return database.exclusively("startup", fn);
}
