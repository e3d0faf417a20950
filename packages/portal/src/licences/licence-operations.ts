import { audited } from "@sesame/kit/operations/audited";
import type { PortalActor } from "../audit/audit-log";
import type { PortalContext } from "../service/portal-context";
import { licenceSenderOf } from "./licence-senders";
import { insertLicenceRequest, type LicenceRequest } from "./licence-store";

export interface LicenceAsk {
  readonly firmId: string;
  /** The client who asked from their space, or null for the firm's staff. */
  readonly contactId: string | null;
  readonly customerName: string;
  readonly tenantId: string;
  readonly sku: string;
  readonly seats: number;
}

/**
 * Records a licence request with its audit entry; the sender transmits it to identity's reseller
 * after commit and retries until delivered or refused. Against real Microsoft it waits for the
 * firm's supplier (status "supplier").
 */
export async function requestLicence(
  ctx: PortalContext,
  actor: PortalActor,
  ask: LicenceAsk,
): Promise<LicenceRequest> {
  const sender = licenceSenderOf(ctx);
  const request = await audited(ctx, actor, async (trx) => {
    const row = await insertLicenceRequest(trx, {
      ...ask,
      requestedBy: actor.name,
      status: sender ? "pending_send" : "supplier",
    });
    return {
      result: row,
      audit: {
        scope: ask.firmId,
        action: "licence.request",
        target: `${ask.seats} × ${ask.sku} → ${ask.tenantId}`,
      },
    };
  });
  sender?.kick();
  return request;
}
