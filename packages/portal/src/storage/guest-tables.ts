import { BOOL, TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** The firm's choice: new invitations go through guest access unless staff say otherwise. */
export interface FirmGuestAccessTable {
  firm_id: string;
  guest_by_default: number;
  updated_at: number;
}

/**
 * A contact invited as a guest of the firm's own tenant: the guest object Graph created (the
 * (tid, oid) the person signs in as) and its redeem link, which the portal's mail carries.
 */
export interface ContactGuestTable {
  contact_id: string;
  firm_id: string;
  /** 1 while staff keep "Accès invité" on for the contact. */
  enabled: number;
  /** The firm's tenant GUID and the guest user's object id (Graph `invitedUser.id`). */
  tenant_id: string;
  object_id: string;
  redeem_url: string;
  invited_at: number;
}

export interface GuestAccessTables {
  firm_guest_access: FirmGuestAccessTable;
  contact_guest: ContactGuestTable;
}

/** Migration 1400: guest access per firm and per contact. */
export async function createGuestAccessTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("firm_guest_access")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.id"))
    .addColumn("guest_by_default", BOOL, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("contact_guest")
    .addColumn("contact_id", "text", (c) => c.primaryKey().references("contact.id"))
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("enabled", BOOL, (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("redeem_url", "text", (c) => c.notNull())
    .addColumn("invited_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contact_guest_subject")
    .unique()
    .on("contact_guest")
    .columns(["firm_id", "tenant_id", "object_id"])
    .execute();
}

/** Migration 1401: a sign-in started at one tenant's authority (a guest's, the firm's tenant). */
export async function addSignInTenant(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("signin_request").addColumn("tenant", "text").execute();
}
