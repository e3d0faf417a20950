import { type Kysely, sql } from "kysely";
import type { Logger } from "../logging/logger";

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Rows of `table` whose `column` (an epoch-milliseconds time) is more than `keepMs` in the past
 * serve no purpose any more and are deleted. Each feature states its own, with the reason the row
 * is kept that long: a single-use marker must outlive the credential it guards.
 */
export interface ExpiryRule {
  readonly table: string;
  readonly column: string;
  readonly keepMs: number;
}

/** A migration's body: the index each rule's delete uses, so a pass never scans a whole table. */
export async function createExpiryIndexes(db: Kysely<unknown>, rules: readonly ExpiryRule[]): Promise<void> {
  for (const rule of rules) {
    await db.schema
      .createIndex(`${rule.table}_${rule.column}_expiry`)
      .ifNotExists()
      .on(rule.table)
      .column(rule.column)
      .execute();
  }
}

/** One pass over every rule; returns how many rows each table lost. */
export async function sweepExpired(
  db: Kysely<unknown>,
  rules: readonly ExpiryRule[],
  now = Date.now(),
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const rule of rules) {
    const result =
      await sql`delete from ${sql.table(rule.table)} where ${sql.ref(rule.column)} < ${now - rule.keepMs}`.execute(
        db,
      );
    deleted[rule.table] = (deleted[rule.table] ?? 0) + Number(result.numAffectedRows ?? 0);
  }
  return deleted;
}

export interface ExpirySweeper {
  /** Runs a pass now (also what the timer does); passes never overlap. */
  sweep(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Sweeps every `everyMs` (10 minutes by default), so each pass deletes only a few minutes' worth of
 * rows and holds the write lock briefly. Instances sharing a database may sweep at the same time:
 * deleting what is already gone is harmless.
 */
export function startExpirySweeper(options: {
  db: Kysely<unknown>;
  rules: readonly ExpiryRule[];
  logger: Logger;
  everyMs?: number;
}): ExpirySweeper {
  const { db, rules, logger } = options;
  let running: Promise<Record<string, number>> | undefined;
  let stopped = false;
  const sweep = () => {
    running ??= sweepExpired(db, rules)
      .then((deleted) => {
        const total = Object.values(deleted).reduce((a, b) => a + b, 0);
        if (total > 0) logger.info({ deleted }, "expired rows deleted");
        return deleted;
      })
      .catch((error: unknown) => {
        // The database may be restarting: the next pass tries again.
        logger.warn({ err: error }, "expiry sweep failed");
        return {};
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(
    () => {
      if (!stopped) void sweep();
    },
    options.everyMs ?? 10 * 60 * 1000,
  );
  timer.unref();
  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
