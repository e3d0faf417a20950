import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as SqliteDialectDatabase } from "kysely";
import pg from "pg";

export type Dialect = "sqlite" | "postgres";

export interface Database<DB> {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Cheap round trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `undefined`/`sqlite` (file in dataDir), `sqlite:<dir or file.sqlite>`, or a postgres:// URL. */
  url: string | undefined;
  dataDir: string;
  /** Each service owns a database file (SQLite) or a schema (PostgreSQL) named after it. */
  name: string;
}

// Timestamps are stored as epoch milliseconds in BIGINT columns; node-postgres returns BIGINT as
// a string unless told otherwise. Our values stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const url = options.url;
  if (url?.startsWith("postgres://") || url?.startsWith("postgresql://")) {
    return openPostgres<DB>(url, options.name);
  }
  return openSqlite<DB>(sqliteFile(url, options));
}

function sqliteFile(url: string | undefined, options: DatabaseOptions): string {
  const given = url && url !== "sqlite" ? url.slice("sqlite:".length) : "";
  if (given === ":memory:") return given;
  if (given.endsWith(".sqlite") || given.endsWith(".db")) return path.resolve(given);
  const dir = path.resolve(given || options.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${options.name}.sqlite`);
}

function openSqlite<DB>(file: string): Database<DB> {
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers run beside the single writer; FULL sync means an acknowledged write survives kill -9.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  return {
    db,
    dialect: "sqlite",
    async ping() {
      sqlite.prepare("select 1").get();
    },
    async close() {
      await db.destroy();
    },
  };
}

/** How many distinct SQL texts keep their compiled statement: far more than the code base writes. */
const STATEMENT_CACHE_SIZE = 1_000;

/**
 * Kysely prepares every query anew, and compiling SQL costs better-sqlite3 more than running an
 * indexed read (bench profile: the token endpoint's one query). Statements are kept by SQL text and
 * reused: Kysely runs each synchronously to completion (`all`/`run`; this code never streams), so a
 * statement is never busy when it is reused, and SQLite re-prepares it by itself after a schema change.
 */
function reusingStatements(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

async function openPostgres<DB>(url: string, schema: string): Promise<Database<DB>> {
  const safeSchema = schema.replace(/[^a-z0-9_]/gi, "_");
  const bootstrap = new pg.Client({ connectionString: url });
  await bootstrap.connect();
  try {
    await bootstrap.query(`create schema if not exists "${safeSchema}"`);
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: `-c search_path="${safeSchema}"`,
    connectionTimeoutMillis: 5000,
  });
  // An idle client that loses its server (database restart) must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    async ping() {
      const client = await pool.connect();
      try {
        await client.query("select 1");
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Kysely's database type is invariant, so a service's full schema does not widen to the part a
 * shared module (the mail outbox) knows. This narrows it, checked: Full must contain Part.
 */
export function narrow<Part, Full extends Part>(db: Kysely<Full>): Kysely<Part> {
  return db as unknown as Kysely<Part>;
}
