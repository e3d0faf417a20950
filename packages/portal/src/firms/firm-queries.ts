import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { FirmTable, StaffRole, StaffTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";

export type Firm = FirmTable;
/** `unread`: the person's unread notifications, counted for the header on their own pages. */
export type Staff = StaffTable & { readonly unread?: number };

export const FIRM_CODE = /^[A-Za-z0-9]{2,10}$/;

export async function findFirmByCode(db: Kysely<PortalDB>, code: string): Promise<Firm | undefined> {
  if (!FIRM_CODE.test(code)) return undefined;
  return db.selectFrom("firm").selectAll().where("code", "=", code.toUpperCase()).executeTakeFirst();
}

export async function findFirmById(db: Kysely<PortalDB>, id: string): Promise<Firm | undefined> {
  return db.selectFrom("firm").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertFirm(
  db: Kysely<PortalDB>,
  input: { code: string; name: string; contactEmail?: string },
): Promise<Firm> {
  const firm: Firm = {
    id: randomUUID(),
    code: input.code.toUpperCase(),
    name: input.name,
    contact_email: input.contactEmail ?? null,
    created_at: Date.now(),
  };
  await db.insertInto("firm").values(firm).execute();
  return firm;
}

export async function updateFirmSettings(
  db: Kysely<PortalDB>,
  firmId: string,
  input: { name: string; contactEmail: string | null },
): Promise<void> {
  await db
    .updateTable("firm")
    .set({ name: input.name, contact_email: input.contactEmail })
    .where("id", "=", firmId)
    .execute();
}

export async function insertStaff(
  db: Kysely<PortalDB>,
  input: { firmId: string; email: string; displayName: string; role: StaffRole; expectedTenant: string },
): Promise<Staff> {
  const staff: Staff = {
    id: randomUUID(),
    firm_id: input.firmId,
    email: input.email,
    email_normalized: input.email.trim().toLowerCase(),
    display_name: input.displayName,
    role: input.role,
    expected_tenant: input.expectedTenant.toLowerCase(),
    tid: null,
    oid: null,
    created_at: Date.now(),
    first_signin_at: null,
  };
  await db.insertInto("staff").values(staff).execute();
  return staff;
}

export async function listStaff(db: Kysely<PortalDB>, firmId: string): Promise<Staff[]> {
  return db.selectFrom("staff").selectAll().where("firm_id", "=", firmId).orderBy("display_name").execute();
}

export async function findStaffById(db: Kysely<PortalDB>, firmId: string, id: string) {
  return db
    .selectFrom("staff")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findStaffBySubject(db: Kysely<PortalDB>, firmId: string, tid: string, oid: string) {
  return db
    .selectFrom("staff")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("tid", "=", tid)
    .where("oid", "=", oid)
    .executeTakeFirst();
}

/** Staff seeded by email wait for their first sign-in; this binds them to (tid, oid), once. */
export async function findUnboundStaffByEmail(db: Kysely<PortalDB>, firmId: string, email: string) {
  return db
    .selectFrom("staff")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("email_normalized", "=", email.trim().toLowerCase())
    .where("tid", "is", null)
    .executeTakeFirst();
}

export async function bindStaff(db: Kysely<PortalDB>, staffId: string, tid: string, oid: string) {
  const result = await db
    .updateTable("staff")
    .set({ tid, oid, first_signin_at: Date.now() })
    .where("id", "=", staffId)
    .where("tid", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many of a staff member's notifications are unread (the header's count). */
export async function unreadNotificationCount(db: Kysely<PortalDB>, staffId: string): Promise<number> {
  const row = await db
    .selectFrom("notification_recipient")
    .select((eb) => eb.fn.countAll<string | number>().as("count"))
    .where("staff_id", "=", staffId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
