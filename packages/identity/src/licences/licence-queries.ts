import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import type { ServicePlan } from "./sku-catalogue";

type Db = Kysely<IdentityDB>;

export interface SubscriptionView {
  readonly id: string;
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly displayName: string;
  readonly seats: number;
  readonly assigned: number;
  readonly status: string;
  readonly servicePlans: readonly ServicePlan[];
}

export async function listSubscriptions(db: Db, tenantId: string): Promise<SubscriptionView[]> {
  const rows = await db
    .selectFrom("subscription as s")
    .innerJoin("sku as k", "k.id", "s.sku_id")
    .select([
      "s.id",
      "s.sku_id",
      "k.part_number",
      "k.display_name",
      "s.seats",
      "s.assigned",
      "s.status",
      "k.service_plans",
    ])
    .where("s.tenant_id", "=", tenantId)
    .orderBy("k.display_name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    skuId: r.sku_id,
    skuPartNumber: r.part_number,
    displayName: r.display_name,
    seats: Number(r.seats),
    assigned: Number(r.assigned),
    status: r.status,
    servicePlans: JSON.parse(r.service_plans) as ServicePlan[],
  }));
}

export interface AssignedLicence {
  readonly accountId: string;
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly displayName: string;
  readonly servicePlans: readonly ServicePlan[];
}

/** Licences held by the accounts of a tenant (or one account): Graph licenseDetails' source. */
export async function assignedLicences(
  db: Db,
  filter: { tenantId: string } | { accountId: string },
): Promise<AssignedLicence[]> {
  const rows = await db
    .selectFrom("licence_assignment as l")
    .innerJoin("sku as k", "k.id", "l.sku_id")
    .select(["l.account_id", "l.sku_id", "k.part_number", "k.display_name", "k.service_plans"])
    .where(
      "tenantId" in filter ? "l.tenant_id" : "l.account_id",
      "=",
      "tenantId" in filter ? filter.tenantId : filter.accountId,
    )
    .orderBy("k.display_name")
    .execute();
  return rows.map((r) => ({
    accountId: r.account_id,
    skuId: r.sku_id,
    skuPartNumber: r.part_number,
    displayName: r.display_name,
    servicePlans: JSON.parse(r.service_plans) as ServicePlan[],
  }));
}
