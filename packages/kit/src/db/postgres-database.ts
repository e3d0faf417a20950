import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { type Database, readinessTimeoutMs, within } from "./database";

/**
 * A dropped connection (PostgreSQL stopped, restarted, failing over, `pg_terminate_backend`) makes
 * node-postgres emit `error` on the client, and an `error` event nobody listens to ends the process.
 * The pool listens only while a client is idle; this listens for the client's whole life. The
 * query in flight still fails (and its request answers 503); the pool discards the broken client.
 */
function survivingDisconnects(client: pg.Client | pg.PoolClient): void {
  client.on("error", () => {});
}

export async function openPostgres<DB>(url: string, schema: string): Promise<Database<DB>> {
  // node-postgres is imported here, so a SQLite process never holds it (docs/performance.md).
  const { default: pg } = await import("pg");
  // Timestamps are stored as epoch milliseconds in BIGINT columns; node-postgres returns BIGINT as
  // a string unless told otherwise. Our values stay far below 2^53.
  pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  const safeSchema = schema.replace(/[^a-z0-9_]/gi, "_");
  const bootstrap = new pg.Client({ connectionString: url });
  survivingDisconnects(bootstrap);
  await bootstrap.connect();
  try {
    await bootstrap.query(`create schema if not exists "${safeSchema}"`);
  } catch (error) {
    // Two instances starting together race on `if not exists`; the loser sees a duplicate.
    if ((error as { code?: string }).code !== "23505") throw error;
  } finally {
    await bootstrap.end();
  }
  const connection = {
    connectionString: url,
    // Only its own schema: one database can hold both services, each unaware of the other's tables.
    options: `-c search_path="${safeSchema}"`,
    connectionTimeoutMillis: 5000,
  };
  const pool = new pg.Pool({ ...connection, max: 10 });
  pool.on("connect", survivingDisconnects);
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    schema: safeSchema,
    async ping() {
      await within(pool.query("select 1"), readinessTimeoutMs, "database ping");
    },
    async exclusively(name, fn) {
      // A connection of its own: the lock lives as long as the session, whatever `fn` does with the pool.
      const client = new pg.Client(connection);
      survivingDisconnects(client);
      await client.connect();
      try {
        await client.query("select pg_advisory_lock(hashtextextended($1, 0))", [
          `sesame:${safeSchema}:${name}`,
        ]);
        return await fn();
      } finally {
        // Ending the session releases the lock, also when the unlock itself cannot be sent.
        await client.end().catch(() => {});
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
