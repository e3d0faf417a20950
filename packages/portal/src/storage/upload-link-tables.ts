import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * A secure upload link sent by staff to a contact who has no account yet: it opens after an
 * e-mailed code and lets them upload into one folder of one dossier until it expires (14 days).
 */
export interface UploadLinkTable {
  id: string;
  /** SHA-256 of the token in the link; the token itself is never stored. */
  token_hash: string;
  firm_id: string;
  dossier_id: string;
  folder_id: string;
  /** The request list the link answers, once request lists exist; null: the folder only. */
  request_list_id: string | null;
  contact_id: string;
  /** The address the link and its codes go to, and to which uploads are attributed. */
  email: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  /** The pending code (SHA-256), its end of validity and the wrong tries made against it. */
  code_hash: string | null;
  code_expires_at: number | null;
  code_tries: number;
  /** The browser that proved the code (SHA-256 of its cookie) and until when. */
  session_hash: string | null;
  session_expires_at: number | null;
}

export interface UploadLinkTables {
  upload_link: UploadLinkTable;
}

export async function createUploadLinkTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("upload_link")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("dossier_id", "text", (c) => c.notNull())
    .addColumn("folder_id", "text", (c) => c.notNull())
    .addColumn("request_list_id", "text")
    .addColumn("contact_id", "text", (c) => c.notNull().references("contact.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("revoked_at", TIME)
    .addColumn("code_hash", "text")
    .addColumn("code_expires_at", TIME)
    .addColumn("code_tries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("session_hash", "text")
    .addColumn("session_expires_at", TIME)
    .execute();
  await db.schema
    .createIndex("upload_link_dossier")
    .on("upload_link")
    .columns(["firm_id", "dossier_id"])
    .execute();
}
