import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * One sign-up in progress. The browser holds a random token (cookie __Host-signup); the row's id is
 * its SHA-256, so a copy of the table lets nobody continue someone's sign-up.
 */
export interface SignupAttemptTable {
  id: string;
  /** The step the state allows next (derived from the state; kept for reading the table). */
  step: string;
  /** SignupState as JSON (signup-state.ts): never a clear password, only its argon2id hash. */
  state: string;
  /** Form submissions so far; too many ends the attempt. */
  submissions: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface SignupAttemptTables {
  signup_attempt: SignupAttemptTable;
}

export async function createSignupAttemptTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("signup_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("submissions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("signup_attempt_expiry").on("signup_attempt").column("expires_at").execute();
}
