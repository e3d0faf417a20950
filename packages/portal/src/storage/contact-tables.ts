import { BOOL, TIME } from "@sesame/kit/db/columns";
import { type Kysely, sql } from "kysely";

export type Civility = "mme" | "m";
/** not_found: the domain belongs to an organization, which has no such address (a typo, often). */
export type ReadinessKind = "work" | "personal" | "none" | "not_found" | "unknown" | "deleted";

export interface ContactTable {
  id: string;
  firm_id: string;
  civility: Civility;
  first_name: string;
  last_name: string;
  email: string;
  email_normalized: string;
  /** E.164, e.g. +33612345678. */
  phone: string | null;
  language: "fr" | "en";
  /** Set on the first sign-in; from then on the person is (tid, oid), never the email. */
  tid: string | null;
  oid: string | null;
  readiness_kind: ReadinessKind | null;
  /** Tenant GUID of a work account (or the consumer tenant for a personal account). */
  readiness_tenant_id: string | null;
  readiness_domain: string | null;
  /** The organization that verified the domain, as Microsoft names it (FederationBrandName). */
  readiness_organization: string | null;
  /** approved | pending | revoked | not_needed (see readiness-rules). */
  readiness_consent: string | null;
  readiness_checked_at: number | null;
  /**
   * When the person said they sent a request from Microsoft's "Need admin approval" page (their
   * organization runs the admin consent workflow); null otherwise.
   */
  approval_requested_at: number | null;
  created_at: number;
  /**
   * A copy of the contact's latest invitation (all null: never invited), written with every
   * invitation write (invitations/latest-invitation-copy.ts), so that the dashboard's funnel is
   * counted in one pass over the firm's contacts instead of aggregating every invitation (issue 17).
   */
  invitation_id: string | null;
  invitation_created_at: number | null;
  invitation_expires_at: number | null;
  invitation_revoked_at: number | null;
  invitation_completed_at: number | null;
}

export interface ContactDossierTable {
  contact_id: string;
  dossier_id: string;
  can_read: number;
  can_upload: number;
  can_approve: number;
}

export interface ContactTables {
  contact: ContactTable;
  contact_dossier: ContactDossierTable;
}

export async function createContactTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("contact")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("civility", "text", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("tid", "text")
    .addColumn("oid", "text")
    .addColumn("readiness_kind", "text")
    .addColumn("readiness_tenant_id", "text")
    .addColumn("readiness_domain", "text")
    .addColumn("readiness_consent", "text")
    .addColumn("readiness_checked_at", TIME)
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contact_firm_email")
    .unique()
    .on("contact")
    .columns(["firm_id", "email_normalized"])
    .execute();
  await db.schema
    .createIndex("contact_firm_subject")
    .unique()
    .on("contact")
    .columns(["firm_id", "tid", "oid"])
    .execute();
  await db.schema
    .createTable("contact_dossier")
    .addColumn("contact_id", "text", (c) => c.notNull().references("contact.id"))
    .addColumn("dossier_id", "text", (c) => c.notNull().references("dossier.id"))
    .addColumn("can_read", BOOL, (c) => c.notNull())
    .addColumn("can_upload", BOOL, (c) => c.notNull())
    .addColumn("can_approve", BOOL, (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_dossier_pk", ["contact_id", "dossier_id"])
    .execute();
  await db.schema
    .createIndex("contact_dossier_by_dossier")
    .on("contact_dossier")
    .column("dossier_id")
    .execute();
}

/** Migration 0950: the admin consent workflow's "approval requested" per contact. */
export async function addApprovalRequestedColumn(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("contact").addColumn("approval_requested_at", TIME).execute();
}

/** Migration 0901: the organization that owns the domain of a contact's address, for readiness. */
export async function addReadinessOrganization(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("contact").addColumn("readiness_organization", "text").execute();
}

/** Migration 1820: the copy of each contact's latest invitation (ContactTable), filled from the invitations. */
export async function addLatestInvitationCopy(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("contact").addColumn("invitation_id", "text").execute();
  for (const column of ["created_at", "expires_at", "revoked_at", "completed_at"])
    await db.schema.alterTable("contact").addColumn(`invitation_${column}`, TIME).execute();
  // Each change to an invitation finds the contact that copies it by this index.
  await db.schema.createIndex("contact_by_invitation").on("contact").column("invitation_id").execute();
  await sql`update contact set invitation_id = (
    select i.id from invitation i where i.contact_id = contact.id order by i.created_at desc, i.id limit 1)`.execute(
    db,
  );
  await sql`update contact set
    invitation_created_at = (select i.created_at from invitation i where i.id = contact.invitation_id),
    invitation_expires_at = (select i.expires_at from invitation i where i.id = contact.invitation_id),
    invitation_revoked_at = (select i.revoked_at from invitation i where i.id = contact.invitation_id),
    invitation_completed_at = (select i.completed_at from invitation i where i.id = contact.invitation_id)
  where invitation_id is not null`.execute(db);
}
