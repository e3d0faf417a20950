import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * One "forgot password" attempt of one browser (cookie __Host-reset holds a random token; only its
 * SHA-256 is the id). It exists whether or not the address has an account, so the pages cannot
 * tell; `account_id` is null when there is none, and then no code is ever mailed.
 */
export interface PasswordResetTable {
  id: string;
  email: string;
  account_id: string | null;
  created_at: number;
  expires_at: number;
  /** Last time a code was (or, without an account, would have been) mailed. */
  code_sent_at: number;
  /** Wrong codes typed when there is no account (the code module counts them otherwise). */
  failed_attempts: number;
  verified_at: number | null;
  completed_at: number | null;
}

export interface PasswordResetTables {
  password_reset: PasswordResetTable;
}

export async function createPasswordResetTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("password_reset")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.references("account.id").onDelete("cascade"))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("code_sent_at", TIME, (c) => c.notNull())
    .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("verified_at", TIME)
    .addColumn("completed_at", TIME)
    .execute();
  await db.schema.createIndex("password_reset_expiry").on("password_reset").column("expires_at").execute();
}
