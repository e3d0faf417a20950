import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DocumentEventTable, DocumentFolderTable } from "../storage/document-tables";
import type { PortalDB } from "../storage/schema";

/** The dossier a document call is about, always with its firm: every lookup is scoped by both. */
export interface DossierScope {
  readonly firmId: string;
  readonly dossierId: string;
}

export type Folder = DocumentFolderTable;

export async function foldersOf(db: Kysely<PortalDB>, scope: DossierScope): Promise<Folder[]> {
  return db
    .selectFrom("document_folder")
    .selectAll()
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .orderBy("position")
    .execute();
}

export async function folderTemplate(db: Kysely<PortalDB>, firmId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("document_folder_template")
    .select("name")
    .where("firm_id", "=", firmId)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.name);
}

export async function allowedTypesOf(db: Kysely<PortalDB>, firmId: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom("document_settings")
    .select("allowed_types")
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return row?.allowed_types.split("\n").filter(Boolean);
}

/** A document of this dossier (live or in the bin); another dossier's or firm's id is undefined. */
export async function findDocument(db: Kysely<PortalDB>, scope: DossierScope, id: string) {
  return db
    .selectFrom("document")
    .selectAll()
    .where("id", "=", id)
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .executeTakeFirst();
}

export async function findLiveByName(db: Kysely<PortalDB>, folderId: string, key: string) {
  return db
    .selectFrom("document")
    .selectAll()
    .where("folder_id", "=", folderId)
    .where("name_key", "=", key)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** The dossier's documents with their latest version, live ones or those in the bin. */
export async function listDocuments(db: Kysely<PortalDB>, scope: DossierScope, bin: boolean) {
  let query = db
    .selectFrom("document as d")
    .innerJoin("document_version as v", "v.document_id", "d.id")
    .where("d.firm_id", "=", scope.firmId)
    .where("d.dossier_id", "=", scope.dossierId)
    .where((eb) =>
      eb(
        "v.number",
        "=",
        eb
          .selectFrom("document_version as w")
          .select((w) => w.fn.max("w.number").as("n"))
          .whereRef("w.document_id", "=", "d.id"),
      ),
    )
    .select([
      "d.id",
      "d.folder_id",
      "d.name",
      "d.deleted_at",
      "d.updated_at",
      "v.number",
      "v.size",
      "v.mime",
      "v.scan",
      "v.uploaded_by",
      "v.uploaded_at",
    ]);
  query = bin ? query.where("d.deleted_at", "is not", null) : query.where("d.deleted_at", "is", null);
  return query.orderBy("d.name_key").execute();
}

export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>[number];

export async function versionsOf(db: Kysely<PortalDB>, documentId: string) {
  return db
    .selectFrom("document_version")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("number", "desc")
    .execute();
}

export type Version = Awaited<ReturnType<typeof versionsOf>>[number];

export async function insertEvent(
  db: Kysely<PortalDB>,
  event: Omit<DocumentEventTable, "id" | "at">,
): Promise<void> {
  await db
    .insertInto("document_event")
    .values({ ...event, id: randomUUID(), at: Date.now() })
    .execute();
}

export async function eventsOf(db: Kysely<PortalDB>, scope: DossierScope, limit = 200) {
  return db
    .selectFrom("document_event")
    .selectAll()
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
}

/** A contact's rights on a dossier, if they are linked to it. */
export async function contactLink(db: Kysely<PortalDB>, contactId: string, dossierId: string) {
  return db
    .selectFrom("contact_dossier")
    .selectAll()
    .where("contact_id", "=", contactId)
    .where("dossier_id", "=", dossierId)
    .executeTakeFirst();
}
