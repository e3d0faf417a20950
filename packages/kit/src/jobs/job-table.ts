import type { Kysely } from "kysely";
import { TIME } from "../db/columns";
import { DAY_MS, type ExpiryRule } from "../db/expiry-sweeper";

/**
 * One unit of background work. `dedupe_key` is unique: whoever plans a job (several instances may
 * plan the same one at the same time) inserts it once. A runner claims a job by writing its own
 * id in `locked_by` and a lease end in `locked_until`; a job whose runner died is claimed again
 * once the lease is over.
 */
export interface JobTable {
  id: string;
  kind: string;
  dedupe_key: string;
  /** JSON text. */
  payload: string;
  run_at: number;
  attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  done_at: number | null;
  failed_at: number | null;
  last_error: string | null;
  created_at: number;
}

export interface JobTables {
  job: JobTable;
}

/** Finished and abandoned jobs are kept 30 days (what ran when), then deleted. */
export const jobExpiry: readonly ExpiryRule[] = [
  { table: "job", column: "done_at", keepMs: 30 * DAY_MS },
  { table: "job", column: "failed_at", keepMs: 30 * DAY_MS },
];

export async function createJobTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("job")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("run_at", TIME, (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_by", "text")
    .addColumn("locked_until", TIME)
    .addColumn("done_at", TIME)
    .addColumn("failed_at", TIME)
    .addColumn("last_error", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("job_due").on("job").columns(["done_at", "failed_at", "run_at"]).execute();
  await db.schema.createIndex("job_done_at_expiry").on("job").column("done_at").execute();
  await db.schema.createIndex("job_failed_at_expiry").on("job").column("failed_at").execute();
}
