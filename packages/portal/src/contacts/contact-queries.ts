import { randomUUID } from "node:crypto";
import { toBool } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";
import type { Civility, ContactTable } from "../storage/contact-tables";
import type { PortalDB } from "../storage/schema";

export type Contact = ContactTable;

export interface ContactInput {
  readonly civility: Civility;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly language: "fr" | "en";
}

export interface DossierRights {
  readonly dossierId: string;
  readonly read: boolean;
  readonly upload: boolean;
  readonly approve: boolean;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function contactRow(firmId: string, input: ContactInput, now = Date.now()): Contact {
  return {
    id: randomUUID(),
    firm_id: firmId,
    civility: input.civility,
    first_name: input.firstName.trim(),
    last_name: input.lastName.trim(),
    email: input.email.trim(),
    email_normalized: normalizeEmail(input.email),
    phone: input.phone,
    language: input.language,
    tid: null,
    oid: null,
    readiness_kind: null,
    readiness_tenant_id: null,
    readiness_domain: null,
    readiness_organization: null,
    readiness_consent: null,
    readiness_checked_at: null,
    approval_requested_at: null,
    created_at: now,
    invitation_id: null,
    invitation_created_at: null,
    invitation_expires_at: null,
    invitation_revoked_at: null,
    invitation_completed_at: null,
  };
}

export async function insertContact(db: Kysely<PortalDB>, firmId: string, input: ContactInput) {
  const row = contactRow(firmId, input);
  await db.insertInto("contact").values(row).execute();
  return row;
}

export async function linkDossier(db: Kysely<PortalDB>, contactId: string, rights: DossierRights) {
  await db
    .deleteFrom("contact_dossier")
    .where("contact_id", "=", contactId)
    .where("dossier_id", "=", rights.dossierId)
    .execute();
  await db
    .insertInto("contact_dossier")
    .values({
      contact_id: contactId,
      dossier_id: rights.dossierId,
      can_read: toBool(rights.read || rights.upload || rights.approve),
      can_upload: toBool(rights.upload),
      can_approve: toBool(rights.approve),
    })
    .execute();
}

export async function unlinkDossier(db: Kysely<PortalDB>, contactId: string, dossierId: string) {
  await db
    .deleteFrom("contact_dossier")
    .where("contact_id", "=", contactId)
    .where("dossier_id", "=", dossierId)
    .execute();
}

export async function findContact(db: Kysely<PortalDB>, firmId: string, id: string) {
  return db
    .selectFrom("contact")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findContactByEmail(db: Kysely<PortalDB>, firmId: string, email: string) {
  return db
    .selectFrom("contact")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("email_normalized", "=", normalizeEmail(email))
    .executeTakeFirst();
}

export async function findContactBySubject(db: Kysely<PortalDB>, firmId: string, tid: string, oid: string) {
  return db
    .selectFrom("contact")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("tid", "=", tid)
    .where("oid", "=", oid)
    .executeTakeFirst();
}

/** First sign-in: the contact becomes (tid, oid) for good. False when already bound to someone. */
export async function bindContact(db: Kysely<PortalDB>, contactId: string, tid: string, oid: string) {
  const result = await db
    .updateTable("contact")
    .set({ tid, oid })
    .where("id", "=", contactId)
    .where("tid", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listContacts(db: Kysely<PortalDB>, firmId: string, limit = 200, query = "") {
  let q = db.selectFrom("contact").selectAll().where("firm_id", "=", firmId);
  const text = query.trim().toLowerCase();
  if (text) {
    const like = `%${text.replace(/[%_\\]/g, "")}%`;
    q = q.where((eb) => eb.or([eb("email_normalized", "like", like), eb("last_name", "like", like)]));
  }
  return q.orderBy("last_name").orderBy("first_name").limit(limit).execute();
}
