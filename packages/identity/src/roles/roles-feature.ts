import type { IdentityFeature } from "../feature";
import { createRoleTables } from "../storage/role-tables";
import { roleCommands } from "./role-cli";

/** Directory roles of organizations (migration 0302, in the organizations' range). */
export const rolesFeature: IdentityFeature = {
  name: "roles",
  migrations: { "0302_tenants_roles": { up: createRoleTables } },
  register() {},
  cli: roleCommands,
};
