import { type Kysely, sql, type Transaction } from "kysely";
import type { Dialect } from "./database";

/** Runs a short write transaction, committed alone or together with others (see `commitGroup`). */
export type GroupedTransaction<DB> = <T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

// Built once: every transaction of a group runs them.
const savepoint = sql`savepoint grouped`;
const release = sql`release grouped`;
const rollbackToSavepoint = sql`rollback to grouped`;

interface Pending<DB> {
  readonly work: (trx: Transaction<DB>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite. Its one connection runs one transaction at a time, and a commit (WAL
 * frames written, locks taken and released, the automatic checkpoint's share) costs more than the
 * few statements of a token rotation. The transactions asked for in one turn of the event loop (a
 * burst of signatures finishing together brings several) run in one SQLite transaction, each in a
 * savepoint of its own, and share its commit:
 * - each one's effects are all or nothing: a `work` that throws is rolled back to its savepoint,
 *   and only its caller hears the error;
 * - no caller hears success before the commit: every promise settles once the group's commit
 *   has returned, and if the commit fails, every caller of the group gets that error;
 * - each `work` sees what the ones before it in the group wrote, as it would have seen it
 *   committed a moment earlier.
 * `work` must only use the database (no timer, no network, no grouped transaction of its own): the
 * group's transaction waits for it.
 * PostgreSQL runs concurrent transactions on its pool's connections: each runs on its own there.
 */
export function commitGroup<DB>(database: { db: Kysely<DB>; dialect: Dialect }): GroupedTransaction<DB> {
  const { db } = database;
  if (database.dialect === "postgres") return (work) => db.transaction().execute(work);
  let queue: Pending<DB>[] = [];

  async function commitTogether(group: Pending<DB>[]): Promise<void> {
    const outcomes: (() => void)[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const item of group) {
          await savepoint.execute(trx);
          try {
            const value = await item.work(trx);
            await release.execute(trx);
            outcomes.push(() => item.resolve(value));
          } catch (error) {
            await rollbackToSavepoint.execute(trx);
            await release.execute(trx);
            outcomes.push(() => item.reject(error));
          }
        }
      });
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    for (const settle of outcomes) settle();
  }

  function flush(): void {
    const group = queue;
    queue = [];
    const [only] = group;
    // Alone in its turn: a plain transaction, no savepoint to pay for.
    if (group.length === 1 && only) void db.transaction().execute(only.work).then(only.resolve, only.reject);
    else void commitTogether(group);
  }

  return <T>(work: (trx: Transaction<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
}
