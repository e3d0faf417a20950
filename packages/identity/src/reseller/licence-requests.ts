import { randomUUID } from "node:crypto";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { IdentityContext } from "../context";
import type { LicenceRequestTable } from "../storage/reseller-tables";
import type { IdentityDB } from "../storage/schema";
import type { ApiCaller, licenceRequestBody, licenceRequestView } from "./licence-request-shapes";

export const view = (r: Selectable<LicenceRequestTable>): z.infer<typeof licenceRequestView> => ({
  id: r.id,
  status: r.status,
  customerName: r.customer_name,
  customerTenantId: r.customer_tenant_id,
  skuPartNumber: r.sku_part_number,
  quantity: Number(r.quantity),
  note: r.note,
  statusReason: r.status_reason,
  createdDateTime: new Date(Number(r.created_at)).toISOString(),
  lastModifiedDateTime: new Date(Number(r.updated_at)).toISOString(),
});

/** The reseller that supplies the caller's tenant (the firm's licence supplier). */
async function resellerFor(db: Kysely<IdentityDB>, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("reseller_customer")
    .select("reseller_tenant_id")
    .where("customer_tenant_id", "=", tenantId)
    .executeTakeFirst();
  return row?.reseller_tenant_id;
}

/**
 * A client application asks its tenant's reseller for seats: the request is stored for the
 * partner centre, with an entry in the reseller's audit trail. Refused when the caller's tenant
 * has no reseller or the product is not in the catalogue.
 */
export async function receiveLicenceRequest(
  ctx: IdentityContext,
  who: ApiCaller,
  input: z.infer<typeof licenceRequestBody>,
): Promise<Selectable<LicenceRequestTable> | "noReseller" | "unknownSku"> {
  const resellerId = await resellerFor(ctx.db, who.tenantId);
  if (!resellerId) return "noReseller";
  const sku = await ctx.db
    .selectFrom("sku")
    .select("part_number")
    .where("part_number", "=", input.skuPartNumber.toUpperCase())
    .executeTakeFirst();
  if (!sku) return "unknownSku";
  const now = Date.now();
  const row: Selectable<LicenceRequestTable> = {
    id: randomUUID(),
    reseller_tenant_id: resellerId,
    customer_tenant_id: input.customerTenantId ?? null,
    customer_name: input.customerName,
    contact_email: input.contactEmail,
    sku_part_number: sku.part_number,
    quantity: input.quantity,
    status: "received",
    note: input.note ?? null,
    status_reason: null,
    requested_by: `${who.appId}@${who.tenantId}`,
    created_at: now,
    updated_at: now,
  };
  const actor = { id: null, name: `application ${who.appId}`, source: "api" };
  return audited(ctx, actor, async (trx) => {
    await trx.insertInto("licence_request").values(row).execute();
    return {
      result: row,
      audit: {
        scope: resellerId,
        action: "licence.request",
        target: row.sku_part_number,
        detail: { quantity: row.quantity, customer: row.customer_name },
      },
    };
  });
}

/** A request the caller made itself (never another application's). */
export function findLicenceRequest(db: Kysely<IdentityDB>, id: string, who: ApiCaller) {
  return db
    .selectFrom("licence_request")
    .selectAll()
    .where("id", "=", id.slice(0, 64))
    .where("requested_by", "=", `${who.appId}@${who.tenantId}`)
    .executeTakeFirst();
}
