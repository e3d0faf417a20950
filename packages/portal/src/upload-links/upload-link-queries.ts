import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";
import type { UploadLinkTable } from "../storage/upload-link-tables";

/** The link whose token has this SHA-256 (the caller hashes what the URL carries). */
export async function findLinkByTokenHash(db: Kysely<PortalDB>, firmId: string, tokenHash: string) {
  return db
    .selectFrom("upload_link")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function linksOfDossier(db: Kysely<PortalDB>, firmId: string, dossierId: string) {
  return db
    .selectFrom("upload_link")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("dossier_id", "=", dossierId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
}

/** The dossier's contacts who have not signed in yet (no tid/oid): those a link is for. */
export async function contactsWithoutAccount(db: Kysely<PortalDB>, firmId: string, dossierId: string) {
  return db
    .selectFrom("contact")
    .innerJoin("contact_dossier", "contact_dossier.contact_id", "contact.id")
    .select(["contact.id", "contact.email", "contact.first_name", "contact.last_name", "contact.language"])
    .where("contact.firm_id", "=", firmId)
    .where("contact_dossier.dossier_id", "=", dossierId)
    .where("contact.oid", "is", null)
    .orderBy("contact.last_name")
    .execute();
}

/** Counts one wrong try, only while the same code is pending (a new code starts again at 0). */
export async function countWrongTry(db: Kysely<PortalDB>, link: UploadLinkTable) {
  await db
    .updateTable("upload_link")
    .set((eb) => ({ code_tries: eb("code_tries", "+", 1) }))
    .where("id", "=", link.id)
    .where("code_hash", "=", link.code_hash)
    .execute();
}

/** The documents of the link's folder that this address uploaded: what the page lists as sent. */
export async function sentThroughLink(db: Kysely<PortalDB>, link: UploadLinkTable) {
  return db
    .selectFrom("document")
    .innerJoin("document_version", "document_version.document_id", "document.id")
    .select(["document.name", "document_version.number as version"])
    .where("document.folder_id", "=", link.folder_id)
    .where("document.deleted_at", "is", null)
    .where("document_version.uploaded_by", "=", link.email)
    .orderBy("document_version.uploaded_at", "desc")
    .execute();
}

/** The folder the link uploads into (in the link's dossier). */
export async function folderOfLink(db: Kysely<PortalDB>, link: UploadLinkTable) {
  return db
    .selectFrom("document_folder")
    .select("name")
    .where("id", "=", link.folder_id)
    .where("dossier_id", "=", link.dossier_id)
    .executeTakeFirst();
}
