import type { IdentityFeature } from "../feature";
import { tenantCommands } from "./tenant-cli";
import { tenantMigrations } from "./tenant-migrations";

/** Organizations, their domains and settings (migrations 0300–0399). */
export const tenantsFeature: IdentityFeature = {
  name: "tenants",
  migrations: tenantMigrations,
  register() {},
  cli: tenantCommands,
};
