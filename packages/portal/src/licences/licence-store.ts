import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { LicenceStatus, LicenceTables } from "../storage/licence-table";
import type { PortalDB } from "../storage/schema";

export type LicenceRequest = Selectable<LicenceTables["licence_request"]>;

/**
 * Stores a licence request, first and alone: the sender (licence-sender.ts) transmits it to
 * identity's reseller afterwards and retries until it is delivered or refused for good. Against
 * real Microsoft the status is "supplier" and nothing is sent (see reseller-client.ts).
 */
export async function insertLicenceRequest(
  db: Kysely<PortalDB>,
  input: {
    firmId: string;
    contactId: string | null;
    requestedBy: string;
    customerName: string;
    tenantId: string;
    sku: string;
    seats: number;
    status: Extract<LicenceStatus, "pending_send" | "supplier">;
  },
): Promise<LicenceRequest> {
  const now = Date.now();
  const row: LicenceRequest = {
    id: randomUUID(),
    firm_id: input.firmId,
    contact_id: input.contactId,
    requested_by: input.requestedBy,
    customer_name: input.customerName,
    tenant_id: input.tenantId,
    sku: input.sku,
    seats: input.seats,
    status: input.status,
    note: null,
    remote_id: null,
    attempts: 0,
    next_attempt_at: now,
    claimed_until: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("licence_request").values(row).execute();
  return row;
}

export async function listLicenceRequests(db: Kysely<PortalDB>, firmId: string, contactId?: string) {
  let q = db.selectFrom("licence_request").selectAll().where("firm_id", "=", firmId);
  if (contactId) q = q.where("contact_id", "=", contactId);
  return q.orderBy("created_at", "desc").limit(200).execute();
}

/** Requests waiting to be sent whose next attempt is due at `now`. */
export async function dueLicenceRequests(db: Kysely<PortalDB>, now: number): Promise<string[]> {
  const rows = await db
    .selectFrom("licence_request")
    .select("id")
    .where("status", "=", "pending_send")
    .where("next_attempt_at", "<=", now)
    .orderBy("next_attempt_at")
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

/** Reserves one request for this sender (several portal instances may run); undefined if taken. */
export async function claimLicenceRequest(
  db: Kysely<PortalDB>,
  id: string,
  now: number,
  claimMs: number,
): Promise<LicenceRequest | undefined> {
  const claimed = await db
    .updateTable("licence_request")
    .set({ claimed_until: now + claimMs })
    .where("id", "=", id)
    .where("status", "=", "pending_send")
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom("licence_request").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateLicenceRequest(
  db: Kysely<PortalDB>,
  id: string,
  changes: Partial<Omit<LicenceRequest, "id" | "firm_id">>,
): Promise<void> {
  await db
    .updateTable("licence_request")
    .set({ ...changes, updated_at: Date.now() })
    .where("id", "=", id)
    .execute();
}
