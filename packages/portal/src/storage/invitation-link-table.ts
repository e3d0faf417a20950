import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * The links of a reminded invitation: each reminder mails a fresh link to the same invitation, and
 * every earlier link keeps working until the invitation is accepted, revoked or expired.
 */
export interface InvitationLinkTable {
  /** SHA-256 of the token in the link; the token itself is never stored. */
  token_hash: string;
  invitation_id: string;
  created_at: number;
}

export interface InvitationLinkTables {
  invitation_link: InvitationLinkTable;
}

export async function createInvitationLinkTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("invitation_link")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("invitation_id", "text", (c) => c.notNull().references("invitation.id"))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
}
