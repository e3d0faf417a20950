import type { Kysely, Selectable } from "kysely";
import { CONSUMER_TENANT_ID } from "../config";
import type { IdentityDB } from "../storage/schema";
import type { TenantTable } from "../storage/tenant-tables";

export type Tenant = Selectable<TenantTable>;

/** What the `{tenant}` segment of an authority names (docs/microsoft-behaviour.md#authorities). */
export type TenantSegment =
  | { readonly kind: "common" }
  | { readonly kind: "organizations" }
  | { readonly kind: "consumers"; readonly tenant: Tenant }
  | { readonly kind: "tenant"; readonly tenant: Tenant };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves common, organizations, consumers, a tenant GUID or a verified domain; undefined → AADSTS90002. */
export async function resolveTenantSegment(
  db: Kysely<IdentityDB>,
  segment: string,
): Promise<TenantSegment | undefined> {
  const value = segment.toLowerCase();
  if (value === "common") return { kind: "common" };
  if (value === "organizations") return { kind: "organizations" };
  if (value === "consumers" || value === CONSUMER_TENANT_ID) {
    const tenant = await findTenant(db, CONSUMER_TENANT_ID);
    return tenant ? { kind: "consumers", tenant } : undefined;
  }
  if (GUID.test(value)) {
    const tenant = await findTenant(db, value);
    return tenant ? { kind: "tenant", tenant } : undefined;
  }
  const domain = await db
    .selectFrom("tenant_domain")
    .innerJoin("tenant", "tenant.id", "tenant_domain.tenant_id")
    .selectAll("tenant")
    .where("tenant_domain.name", "=", value)
    .where("tenant_domain.verified_at", "is not", null)
    .executeTakeFirst();
  return domain ? { kind: "tenant", tenant: domain } : undefined;
}

export function findTenant(db: Kysely<IdentityDB>, id: string): Promise<Tenant | undefined> {
  return db.selectFrom("tenant").selectAll().where("id", "=", id.toLowerCase()).executeTakeFirst();
}

/** The organization owning a verified domain (home-realm discovery), if any. */
export async function tenantOfDomain(db: Kysely<IdentityDB>, domain: string): Promise<Tenant | undefined> {
  return db
    .selectFrom("tenant_domain")
    .innerJoin("tenant", "tenant.id", "tenant_domain.tenant_id")
    .selectAll("tenant")
    .where("tenant_domain.name", "=", domain.toLowerCase())
    .where("tenant_domain.verified_at", "is not", null)
    .executeTakeFirst();
}
