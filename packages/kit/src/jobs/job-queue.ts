import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/database";
import type { JobTable, JobTables } from "./job-table";

export interface NewJob {
  readonly kind: string;
  /** Unique across all jobs: planning the same job twice (two instances, a retry) inserts one row. */
  readonly key: string;
  readonly payload?: unknown;
  readonly runAt: number;
}

/** Plans a job, in the caller's transaction if it has one; false when the key was already planned. */
export async function enqueueJob(db: Kysely<JobTables>, job: NewJob, now: number): Promise<boolean> {
  const result = await db
    .insertInto("job")
    .values({
      id: randomUUID(),
      kind: job.kind,
      dedupe_key: job.key,
      payload: JSON.stringify(job.payload ?? null),
      run_at: job.runAt,
      attempts: 0,
      locked_by: null,
      locked_until: null,
      done_at: null,
      failed_at: null,
      last_error: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export interface Claim {
  readonly dialect: Dialect;
  readonly runner: string;
  readonly kinds: readonly string[];
  readonly now: number;
  readonly leaseMs: number;
}

/**
 * Takes one due job for this runner, or none. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so runners
 * never wait on each other's rows. SQLite (one writer at a time): a conditional update that only
 * succeeds while the job is still free; a runner that loses the race tries the next candidate.
 */
export async function claimJob(db: Kysely<JobTables>, claim: Claim): Promise<JobTable | undefined> {
  if (claim.kinds.length === 0) return undefined;
  const { now, runner } = claim;
  const lockedUntil = now + claim.leaseMs;
  if (claim.dialect === "postgres") {
    const kinds = sql.join(claim.kinds.map((k) => sql`${k}`));
    const rows = await sql<JobTable>`
      update job set locked_by = ${runner}, locked_until = ${lockedUntil}, attempts = attempts + 1
      where id = (
        select id from job
        where done_at is null and failed_at is null and run_at <= ${now} and kind in (${kinds})
          and (locked_until is null or locked_until < ${now})
        order by run_at limit 1
        for update skip locked)
      returning *`.execute(db);
    return rows.rows[0];
  }
  const candidates = await db
    .selectFrom("job")
    .select("id")
    .where("done_at", "is", null)
    .where("failed_at", "is", null)
    .where("run_at", "<=", now)
    .where("kind", "in", claim.kinds)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
    .orderBy("run_at")
    .limit(5)
    .execute();
  for (const { id } of candidates) {
    const taken = await db
      .updateTable("job")
      .set((eb) => ({ locked_by: runner, locked_until: lockedUntil, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where("done_at", "is", null)
      .where("failed_at", "is", null)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1)
      return db.selectFrom("job").selectAll().where("id", "=", id).executeTakeFirst();
  }
  return undefined;
}

/**
 * Inside the transaction that carries the job's effects: marks it done while this runner still
 * holds it. False when its lease ran out and another runner took it (the effects must roll back).
 */
export async function markDone(db: Kysely<JobTables>, id: string, runner: string, now: number) {
  const result = await db
    .updateTable("job")
    .set({ done_at: now, locked_until: null, last_error: null })
    .where("id", "=", id)
    .where("locked_by", "=", runner)
    .where("done_at", "is", null)
    .where("failed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** After a failed run: released for a later retry, or abandoned after the last attempt. */
export async function markFailed(
  db: Kysely<JobTables>,
  id: string,
  runner: string,
  outcome: { error: string; retryAt: number | undefined; now: number },
) {
  await db
    .updateTable("job")
    .set({
      locked_by: null,
      locked_until: null,
      last_error: outcome.error.slice(0, 500),
      ...(outcome.retryAt === undefined ? { failed_at: outcome.now } : { run_at: outcome.retryAt }),
    })
    .where("id", "=", id)
    .where("locked_by", "=", runner)
    .where("done_at", "is", null)
    .execute();
}
