import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase as SqliteDialectDatabase } from "kysely";
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from "../files/private-files";
import type { Database, DatabaseOptions } from "./database";

export function sqliteFile(url: string | undefined, options: DatabaseOptions): string {
  const given = url && url !== "sqlite" ? url.slice("sqlite:".length) : "";
  if (given === ":memory:") return given;
  if (given.endsWith(".sqlite") || given.endsWith(".db")) return path.resolve(given);
  const dir = path.resolve(given || options.dataDir);
  ensurePrivateDir(dir);
  return path.join(dir, `${options.name}.sqlite`);
}

/** The page cache of each connection, in KiB (SQLite's default is 2,000). */
const SQLITE_CACHE_KIB = 32 * 1024;

export function openSqlite<DB>(url: string | undefined, options: DatabaseOptions): Database<DB> {
  const file = sqliteFile(url, options);
  // Accounts, codes and keys live here: owner only, from the first byte written.
  if (file !== ":memory:") ensurePrivateFile(file);
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers run beside the single writer. In WAL mode NORMAL already keeps every
  // acknowledged commit through kill -9 (it is in the OS's page cache, which the process's death
  // does not touch); FULL adds an fsync per commit for OS crashes and power cuts (database.ts).
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous === "full" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("foreign_keys = ON");
  // SQLite keeps 2 MiB of pages per connection by default; a page it has let go is read again from
  // the OS (a system call and a copy per page). The portal's larger pages (the firm home of an
  // accountant of 1,250 dossiers, the onboarding dashboard of 10,000 contacts) touch more than that:
  // in turns over the benchmark firm's eight accountants, the firm home took 30-41 ms (p50) with the
  // default, 19-20 ms with 32 MiB, 16-20 ms with 64 MiB (docs/performance.md, item 33). The cache
  // fills only as pages are read, so a small database costs no more.
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  sqlite.pragma("busy_timeout = 5000");
  if (file !== ":memory:") for (const suffix of ["-wal", "-shm"]) tightenIfPresent(file + suffix);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  return {
    db,
    dialect: "sqlite",
    schema: undefined,
    async ping() {
      sqlite.prepare("select 1").get();
    },
    exclusively: retriedUntilThrough,
    async close() {
      await db.destroy();
    },
  };
}

const attempts = 6;

/**
 * SQLite has no lock to hold across awaits without blocking this very connection, so two
 * processes starting on one file each run the work, and the loser of a race (a write refused as
 * busy or as a duplicate) runs it again: startup work is written to create only what is missing,
 * so the retry finds the winner's rows and completes.
 */
async function retriedUntilThrough<T>(_name: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
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
