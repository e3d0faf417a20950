import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** One emailed one-time code. Only an HMAC of the code is kept, keyed by a random per-code salt. */
export interface EmailCodeTable {
  id: string;
  /** What the code proves: 'signup', 'password-reset' … (see codes.ts). */
  purpose: string;
  /** Normalised address the code was mailed to. */
  address: string;
  /** What the code is bound to within the purpose: a sign-up attempt, an account … */
  subject: string;
  code_hash: string;
  salt: string;
  created_at: number;
  expires_at: number;
  failed_attempts: number;
  used_at: number | null;
  /** Set when 5 wrong tries burned it or a newer code replaced it. */
  burned_at: number | null;
}

export interface CodeTables {
  email_code: EmailCodeTable;
}

export async function createEmailCodeTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("email_code")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("salt", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("used_at", TIME)
    .addColumn("burned_at", TIME)
    .execute();
  await db.schema
    .createIndex("email_code_address_time")
    .on("email_code")
    .columns(["address", "created_at"])
    .execute();
  await db.schema
    .createIndex("email_code_subject")
    .on("email_code")
    .columns(["purpose", "subject", "created_at"])
    .execute();
}
