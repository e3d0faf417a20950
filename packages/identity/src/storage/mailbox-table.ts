import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * Received mail: everything the embedded SMTP sink accepts (development and tests) and the
 * mailboxes of the platform's own consumer addresses (@outlook.fr …), readable after sign-in.
 */
export interface MailboxMessageTable {
  id: string;
  message_id: string;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  received_at: number;
}

export interface MailboxTables {
  mailbox_message: MailboxMessageTable;
}

export async function createMailboxTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mailbox_message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("from_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("received_at", TIME, (c) => c.notNull())
    .execute();
  // A message retried after a crash arrives twice with the same Message-ID: it is kept once.
  await db.schema
    .createIndex("mailbox_message_once")
    .on("mailbox_message")
    .columns(["message_id", "to_address"])
    .unique()
    .execute();
  await db.schema
    .createIndex("mailbox_message_to")
    .on("mailbox_message")
    .columns(["to_address", "received_at"])
    .execute();
}
