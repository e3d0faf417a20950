import type { Kysely } from "kysely";
import { BOOL, TIME } from "../db/columns";
import { DAY_MS, type ExpiryRule } from "../db/expiry-sweeper";

/** Outgoing mail waits here, written in the same transaction as the change that caused it. */
export interface MailOutboxTable {
  id: string;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
  sent_at: number | null;
  last_error: string | null;
  /** 1 when the message is for a mailbox this platform hosts itself. */
  local_delivery: number;
}

export interface MailTables {
  mail_outbox: MailOutboxTable;
}

/**
 * Sent mail is kept a week for support questions ("I never got the code"), then deleted: bodies hold
 * one-time codes and temporary passwords. Unsent mail (sent_at null) is never swept.
 */
export const outboxExpiry: ExpiryRule = { table: "mail_outbox", column: "sent_at", keepMs: 7 * DAY_MS };

export async function createMailOutboxTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("from_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", TIME, (c) => c.notNull())
    .addColumn("claimed_until", TIME)
    .addColumn("sent_at", TIME)
    .addColumn("last_error", "text")
    .addColumn("local_delivery", BOOL, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("mail_outbox_due")
    .on("mail_outbox")
    .columns(["sent_at", "next_attempt_at"])
    .execute();
}
