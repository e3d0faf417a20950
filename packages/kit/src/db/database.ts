import type { Kysely } from "kysely";

export type Dialect = "sqlite" | "postgres";

export interface Database<DB> {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** PostgreSQL: the service's own schema, where its tables and migration records live. */
  readonly schema: string | undefined;
  /** Cheap round trip used by /readyz; fails within `readinessTimeoutMs` when the database is away. */
  ping(): Promise<void>;
  /**
   * Runs `fn` while no other instance on this database runs one under the same name (PostgreSQL:
   * an advisory lock held on a connection of its own; SQLite: retried until it goes through).
   */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `undefined`/`sqlite` (file in dataDir), `sqlite:<dir or file.sqlite>`, or a postgres:// URL. */
  url: string | undefined;
  dataDir: string;
  /** Each service owns a database file (SQLite) or a schema (PostgreSQL) named after it. */
  name: string;
  /** SQLite only (SQLITE_SYNCHRONOUS): when a commit waits for the disk; `normal` unless given. */
  sqliteSynchronous?: SqliteSynchronous;
}

/**
 * `normal`: in WAL mode a commit is in the operating system's hands once it returns, so it
 * survives the process being killed (kill -9), and only an OS crash or a power cut can undo the
 * last commits; the WAL is synced at checkpoints. `full`: every commit also waits for an fsync of
 * the WAL, so it survives a power cut too, at the price of that wait on the event loop.
 */
export type SqliteSynchronous = "full" | "normal";

/**
 * A readiness probe must answer "not ready" quickly: a load balancer checks every second or so,
 * and the pool's own connect timeout (5 s) is far too long for that.
 */
export const readinessTimeoutMs = 500;

/** Rejects when `work` has not settled within `ms` (the work itself goes on and is ignored). */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Kysely's database type is invariant, so a service's full schema does not widen to the part a
 * shared module (the mail outbox) knows. This narrows it, checked: Full must contain Part.
 */
export function narrow<Part, Full extends Part>(db: Kysely<Full>): Kysely<Part> {
  return db as unknown as Kysely<Part>;
}
