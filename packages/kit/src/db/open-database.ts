import pg from "pg";
import type { Database, DatabaseOptions } from "./database";
import { openPostgres } from "./postgres-database";
import { openSqlite } from "./sqlite-database";

// Timestamps are stored as epoch milliseconds in BIGINT columns; node-postgres returns BIGINT as
// a string unless told otherwise. Our values stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const url = options.url;
  if (url?.startsWith("postgres://") || url?.startsWith("postgresql://")) {
    return openPostgres<DB>(url, options.name);
  }
  return openSqlite<DB>(url, options);
}
