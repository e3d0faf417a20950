import type { IdentityFeature } from "../feature";
import { createAuditTables } from "./audit-tables";

/** The audit trail and the sign-in log of organizations (migration 0305, in the organizations' range). */
export const auditFeature: IdentityFeature = {
  name: "audit",
  migrations: { "0305_tenants_audit": { up: createAuditTables } },
  register() {},
};
