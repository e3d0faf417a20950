import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

export interface InvitationTable {
  id: string;
  firm_id: string;
  contact_id: string;
  /** SHA-256 of the token in the link; the token itself is never stored. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  last_sent_at: number;
  send_count: number;
  revoked_at: number | null;
  completed_at: number | null;
}

export interface InvitationTables {
  invitation: InvitationTable;
}

export async function createInvitationTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("contact_id", "text", (c) => c.notNull().references("contact.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("last_sent_at", TIME, (c) => c.notNull())
    .addColumn("send_count", "integer", (c) => c.notNull())
    .addColumn("revoked_at", TIME)
    .addColumn("completed_at", TIME)
    .execute();
  await db.schema
    .createIndex("invitation_by_contact")
    .on("invitation")
    .columns(["contact_id", "created_at"])
    .execute();
}
