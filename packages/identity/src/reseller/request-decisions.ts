import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";

/** The partner centre's rows: the request, the product's name and the organization that asked. */
export async function resellerRequestRows(db: Kysely<IdentityDB>, resellerTenantId: string) {
  const rows = await db
    .selectFrom("licence_request")
    .leftJoin("sku", "sku.part_number", "licence_request.sku_part_number")
    .selectAll("licence_request")
    .select("sku.display_name as product")
    .where("licence_request.reseller_tenant_id", "=", resellerTenantId)
    .orderBy("licence_request.created_at", "desc")
    .limit(100)
    .execute();
  // requested_by is "{application}@{tenant}": the tenant is the firm whose application asked.
  const tenantIds = [...new Set(rows.map((r) => r.requested_by.split("@")[1] ?? ""))].filter(Boolean);
  const tenants = tenantIds.length
    ? await db.selectFrom("tenant").select(["id", "display_name"]).where("id", "in", tenantIds).execute()
    : [];
  const names = new Map(tenants.map((t) => [t.id, t.display_name]));
  return rows.map((r) => ({ ...r, firm: names.get(r.requested_by.split("@")[1] ?? "") ?? null }));
}

export type RequestDecision =
  | { readonly status: "fulfilled" }
  | { readonly status: "declined"; readonly reason: string };

/** The reseller marks an open request handled, or refuses it with a reason; false when not theirs or closed. */
export async function decideLicenceRequest(
  ctx: IdentityContext,
  actor: Actor,
  resellerTenantId: string,
  id: string,
  decision: RequestDecision,
): Promise<boolean> {
  return audited(ctx, actor, async (trx) => {
    const result = await trx
      .updateTable("licence_request")
      .set({
        status: decision.status,
        status_reason: decision.status === "declined" ? decision.reason : null,
        updated_at: Date.now(),
      })
      .where("id", "=", id)
      .where("reseller_tenant_id", "=", resellerTenantId)
      .where("status", "=", "received")
      .executeTakeFirst();
    const changed = Number(result.numUpdatedRows) === 1;
    if (!changed) return { result: false, audit: [] };
    return {
      result: true,
      audit: {
        scope: resellerTenantId,
        action: decision.status === "fulfilled" ? "licence.request.fulfilled" : "licence.request.declined",
        target: id,
        ...(decision.status === "declined" ? { detail: { reason: decision.reason } } : {}),
      },
    };
  });
}
