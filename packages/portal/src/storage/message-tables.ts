import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

export type PersonKind = "staff" | "contact";

/** One message of a dossier's thread, between the firm's staff and the dossier's contacts. */
export interface MessageTable {
  id: string;
  firm_id: string;
  dossier_id: string;
  author_kind: PersonKind;
  author_id: string;
  /** As shown in the thread (name and address at the time of writing). */
  author_name: string;
  body: string;
  created_at: number;
}

/** A file sent with a message: a version of a document of the dossier ("Messages" folder). */
export interface MessageAttachmentTable {
  message_id: string;
  document_id: string;
  version_number: number;
  name: string;
}

/**
 * Where a person is in a dossier's thread: everything up to `read_up_to` is read; mail has told
 * them of everything up to `notified_up_to` (so a message is mailed about once, batched).
 */
export interface MessageReadTable {
  dossier_id: string;
  person_kind: PersonKind;
  person_id: string;
  read_up_to: number;
  notified_up_to: number;
}

export interface MessageTables {
  message: MessageTable;
  message_attachment: MessageAttachmentTable;
  message_read: MessageReadTable;
}

export async function createMessageTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("dossier_id", "text", (c) => c.notNull().references("dossier.id"))
    .addColumn("author_kind", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull())
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("message_by_dossier")
    .on("message")
    .columns(["dossier_id", "created_at"])
    .execute();
  await db.schema.createIndex("message_by_time").on("message").column("created_at").execute();
  await db.schema
    .createTable("message_attachment")
    .addColumn("message_id", "text", (c) => c.notNull().references("message.id"))
    .addColumn("document_id", "text", (c) => c.notNull().references("document.id"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_attachment_pk", ["message_id", "document_id"])
    .execute();
  await db.schema
    .createTable("message_read")
    .addColumn("dossier_id", "text", (c) => c.notNull().references("dossier.id"))
    .addColumn("person_kind", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("read_up_to", TIME, (c) => c.notNull())
    .addColumn("notified_up_to", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("message_read_pk", ["dossier_id", "person_kind", "person_id"])
    .execute();
}
