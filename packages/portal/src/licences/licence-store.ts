import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";
import type { LicenceRequestTable } from "./licence-table";

export type LicenceRequest = LicenceRequestTable;

/**
 * Stores a licence request. The reseller HTTP API of identity is not defined yet, so every request
 * waits with status "pending_send" and a note; sending it is the one step to add once it exists.
 */
export async function insertLicenceRequest(
  db: Kysely<PortalDB>,
  input: {
    firmId: string;
    contactId: string | null;
    requestedBy: string;
    tenantId: string;
    sku: string;
    seats: number;
  },
): Promise<LicenceRequest> {
  const now = Date.now();
  const row: LicenceRequest = {
    id: randomUUID(),
    firm_id: input.firmId,
    contact_id: input.contactId,
    requested_by: input.requestedBy,
    tenant_id: input.tenantId,
    sku: input.sku,
    seats: input.seats,
    status: "pending_send",
    note: "reseller API not available yet",
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
