import type { IdentityFeature } from "../feature";
import { createTenantTables } from "./tenant-tables";

/** Organizations: tenants, domains, roles, licences, reseller, admin centre, Graph (migrations 0300–0399). */
export const tenantsFeature: IdentityFeature = {
  name: "tenants",
  migrations: { "0300_tenants": { up: createTenantTables } },
  register() {},
};
