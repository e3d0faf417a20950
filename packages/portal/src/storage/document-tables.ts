import { TIME } from "@sesame/kit/db/columns";
import { type Kysely, sql } from "kysely";

/** A firm's default folder tree, copied into each dossier the first time its documents open. */
export interface FolderTemplateTable {
  firm_id: string;
  position: number;
  name: string;
}

/** The firm's list of allowed content types (MIME), one per line; no row: the default list. */
export interface DocumentSettingsTable {
  firm_id: string;
  allowed_types: string;
}

export interface DocumentFolderTable {
  id: string;
  firm_id: string;
  dossier_id: string;
  name: string;
  position: number;
}

export interface DocumentTable {
  id: string;
  firm_id: string;
  dossier_id: string;
  folder_id: string;
  name: string;
  /** Lower-cased name: an upload of the same name in the same folder becomes a new version. */
  name_key: string;
  /** Set: in the bin since then (restorable for 30 days). */
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export type ScanStatus = "clean" | "not_scanned";

export interface DocumentVersionTable {
  id: string;
  document_id: string;
  number: number;
  sha256: string;
  size: number;
  mime: string;
  scan: ScanStatus;
  /** Who uploaded it, as shown (a staff or contact address). */
  uploaded_by: string;
  uploaded_at: number;
}

export type DocumentAction =
  | "uploaded"
  | "downloaded"
  | "previewed"
  | "renamed"
  | "moved"
  | "deleted"
  | "restored"
  // Request lists (requests/): the trail's document is the list, its name the list and item.
  | "request_created"
  | "request_answered"
  | "answer_accepted"
  | "answer_rejected"
  | "request_reminded"
  // Messages and approvals (messages/, approvals/).
  | "message_sent"
  | "approval_requested"
  | "approved"
  | "refused";

/** The dossier's activity trail: who did what to which document, when, from which address. */
export interface DocumentEventTable {
  id: string;
  firm_id: string;
  dossier_id: string;
  document_id: string;
  version_number: number | null;
  action: DocumentAction;
  document_name: string;
  actor: string;
  ip: string;
  at: number;
}

export interface DocumentTables {
  document_folder_template: FolderTemplateTable;
  document_settings: DocumentSettingsTable;
  document_folder: DocumentFolderTable;
  document: DocumentTable;
  document_version: DocumentVersionTable;
  document_event: DocumentEventTable;
}

export async function createDocumentTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("document_folder_template")
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_folder_template_pk", ["firm_id", "position"])
    .execute();
  await db.schema
    .createTable("document_settings")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.id"))
    .addColumn("allowed_types", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("document_folder")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("dossier_id", "text", (c) => c.notNull().references("dossier.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_folder_by_dossier")
    .unique()
    .on("document_folder")
    .columns(["dossier_id", "name"])
    .execute();
  await db.schema
    .createTable("document")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("dossier_id", "text", (c) => c.notNull().references("dossier.id"))
    .addColumn("folder_id", "text", (c) => c.notNull().references("document_folder.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("deleted_at", TIME)
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  // One live document per name and folder (the bin may hold others of that name).
  await db.schema
    .createIndex("document_live_name")
    .unique()
    .on("document")
    .columns(["folder_id", "name_key"])
    .where(sql.ref("deleted_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("document_by_dossier")
    .on("document")
    .columns(["dossier_id", "name_key"])
    .execute();
  await db.schema
    .createTable("document_version")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("document.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("scan", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("uploaded_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_version_number")
    .unique()
    .on("document_version")
    .columns(["document_id", "number"])
    .execute();
  await db.schema
    .createTable("document_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("dossier_id", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull())
    .addColumn("version_number", "integer")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("document_name", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_event_by_dossier")
    .on("document_event")
    .columns(["dossier_id", "at"])
    .execute();
}
