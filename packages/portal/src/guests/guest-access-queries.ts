import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

type Db = Kysely<PortalDB>;

/** A contact of the firm (staff pages give its id). */
export function firmContact(db: Db, firmId: string, contactId: string) {
  return db
    .selectFrom("contact")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", contactId)
    .executeTakeFirst();
}

export async function firmGuestByDefault(db: Db, firmId: string): Promise<boolean> {
  const row = await db
    .selectFrom("firm_guest_access")
    .select("guest_by_default")
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return row?.guest_by_default === 1;
}

export async function saveFirmGuestByDefault(db: Db, firmId: string, on: boolean): Promise<void> {
  const values = { guest_by_default: on ? 1 : 0, updated_at: Date.now() };
  await db
    .insertInto("firm_guest_access")
    .values({ firm_id: firmId, ...values })
    .onConflict((oc) => oc.column("firm_id").doUpdateSet(values))
    .execute();
}

export function contactGuest(db: Db, contactId: string) {
  return db.selectFrom("contact_guest").selectAll().where("contact_id", "=", contactId).executeTakeFirst();
}

/** The contact whose guest object signs in now, while staff keep guest access on. */
export function contactOfGuestObject(db: Db, firmId: string, tenantId: string, objectId: string) {
  return db
    .selectFrom("contact_guest")
    .select("contact_id")
    .where("firm_id", "=", firmId)
    .where("tenant_id", "=", tenantId)
    .where("object_id", "=", objectId)
    .where("enabled", "=", 1)
    .executeTakeFirst();
}

export async function saveContactGuest(
  db: Db,
  row: { contactId: string; firmId: string; tenantId: string; objectId: string; redeemUrl: string },
): Promise<void> {
  const values = {
    enabled: 1,
    tenant_id: row.tenantId,
    object_id: row.objectId,
    redeem_url: row.redeemUrl,
    invited_at: Date.now(),
  };
  await db
    .insertInto("contact_guest")
    .values({ contact_id: row.contactId, firm_id: row.firmId, ...values })
    .onConflict((oc) => oc.column("contact_id").doUpdateSet(values))
    .execute();
}

export async function disableContactGuest(db: Db, contactId: string): Promise<void> {
  await db.updateTable("contact_guest").set({ enabled: 0 }).where("contact_id", "=", contactId).execute();
}
