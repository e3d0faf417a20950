import { audited } from "@sesame/kit/operations/audited";
import { recordTenantApproval } from "../notifications/notification-events";
import type { PortalContext } from "../service/portal-context";
import { markTenantApproved, recordTenantConsent } from "./consent-queries";

/** Who approved the firm's application for their organization, as the answer tells it. */
export interface ConsentApprover {
  readonly tenantId: string;
  readonly oid: string | null;
  readonly name: string | null;
  readonly permissions: string;
}

/**
 * Records a tenant's approval of the firm's application (or renews a revoked one) with its audit
 * entry; the actor is the administrator who approved, or their tenant when the answer has no name.
 */
export async function recordConsent(ctx: PortalContext, firmId: string, who: ConsentApprover): Promise<void> {
  const tenantId = who.tenantId.toLowerCase();
  await audited(ctx, { name: who.name ?? tenantId }, async (trx) => {
    await recordTenantConsent(trx, {
      firmId,
      tenantId,
      byOid: who.oid,
      byName: who.name,
      permissions: who.permissions,
    });
    // Before they are marked approved: the firm hears of each, and those waiting get a mail.
    await recordTenantApproval(trx, firmId, tenantId);
    // Every contact of that organization is ready at once: nobody has to click "Vérifier à nouveau".
    await markTenantApproved(trx, firmId, tenantId);
    return { result: undefined, audit: { scope: firmId, action: "consent.granted", target: tenantId } };
  });
}
