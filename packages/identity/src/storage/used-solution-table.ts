import { TIME } from "@sesame/kit/db/columns";
import type { ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { Kysely } from "kysely";

/**
 * One row per accepted anti-robot solution, keyed by its challenge's signature: a replay is refused
 * by the unique key, on every instance and after any restart, with or without Redis.
 */
export interface UsedSolutionTable {
  challenge_signature: string;
  /** The challenge's own expiry: after it the solution is refused as expired anyway. */
  expires_at: number;
}

export interface UsedSolutionTables {
  altcha_used_solution: UsedSolutionTable;
}

/** Kept until its challenge expires; an expired challenge cannot be replayed, so the row can go. */
export const usedSolutionExpiry: ExpiryRule = {
  table: "altcha_used_solution",
  column: "expires_at",
  keepMs: 0,
};

export async function createUsedSolutionTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("altcha_used_solution")
    .addColumn("challenge_signature", "text", (c) => c.primaryKey())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("altcha_used_solution_expires_at_expiry")
    .on("altcha_used_solution")
    .column("expires_at")
    .execute();
}
