import { audited } from "@sesame/kit/operations/audited";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { saveSecurityDefaults } from "../tenants/security-defaults-queries";

/** Turns a tenant's security defaults on or off, with its audit entry. */
export function setSecurityDefaults(
  ctx: IdentityContext,
  actor: Actor,
  tenantId: string,
  enabled: boolean,
): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await saveSecurityDefaults(trx, tenantId, enabled);
    return {
      result: undefined,
      audit: { scope: tenantId, action: "tenant.securityDefaults", target: tenantId, detail: { enabled } },
    };
  });
}
