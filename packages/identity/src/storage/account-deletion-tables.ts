import { TIME } from "@sesame/kit/db/columns";
import { DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { Kysely } from "kysely";

/**
 * After a right password (or passkey) for an account whose closing is pending: the offer to reopen
 * it. No session exists until the person answers, so what they proved is held here, single use.
 */
export interface ReopenChallengeTable {
  /** SHA-256 of the token in the page's form. */
  token_hash: string;
  account_id: string;
  return_to: string | null;
  /** JSON array of the methods the sign-in used (`amr`), carried into the session if reopened. */
  amr: string;
  expires_at: number;
}

/**
 * What remains of an erased account: a pseudonymous id that replaces the person in the audit trail
 * and sign-in log, and dates. Nothing here leads back to the person.
 */
export interface ErasedAccountTable {
  pseudonym: string;
  tenant_id: string;
  kind: "personal" | "work";
  requested_at: number | null;
  erased_at: number;
}

export interface AccountDeletionTables {
  reopen_challenge: ReopenChallengeTable;
  erased_account: ErasedAccountTable;
}

/** A reopen offer is answered within minutes; its row goes a day after it lapsed. */
export const reopenChallengeExpiry: ExpiryRule = {
  table: "reopen_challenge",
  column: "expires_at",
  keepMs: DAY_MS,
};

export async function createAccountDeletionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("account").addColumn("deletion_requested_at", TIME).execute();
  await db.schema.alterTable("account").addColumn("deletion_due_at", TIME).execute();
  await db.schema.createIndex("account_deletion_due").on("account").column("deletion_due_at").execute();
  await db.schema
    .createTable("reopen_challenge")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("return_to", "text")
    .addColumn("amr", "text", (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("erased_account")
    .addColumn("pseudonym", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("requested_at", TIME)
    .addColumn("erased_at", TIME, (c) => c.notNull())
    .execute();
}
