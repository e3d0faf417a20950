import { audited } from "@sesame/kit/operations/audited";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { addSeats, assignLicence, type Sku, setSeats, unassignLicence } from "./licence-operations";

/** Gives the user a seat of the product, with its audit entry. */
export function giveLicence(ctx: IdentityContext, actor: Actor, user: Account, sku: Sku): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await assignLicence(trx, user, sku);
    return {
      result: undefined,
      audit: {
        scope: user.tenant_id,
        action: "licence.assign",
        target: user.email,
        detail: { sku: sku.part_number },
      },
    };
  });
}

/** Releases the user's seat of the product. */
export function takeLicence(ctx: IdentityContext, actor: Actor, user: Account, sku: Sku): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await unassignLicence(trx, user, sku);
    return {
      result: undefined,
      audit: {
        scope: user.tenant_id,
        action: "licence.unassign",
        target: user.email,
        detail: { sku: sku.part_number },
      },
    };
  });
}

/** Buys `seats` more seats ("add", creating the subscription) or sets the seat count ("set"). */
export function changeSeats(
  ctx: IdentityContext,
  actor: Actor,
  tenantId: string,
  sku: Sku,
  mode: "add" | "set",
  seats: number,
): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    if (mode === "add") await addSeats(trx, tenantId, sku, seats);
    else await setSeats(trx, tenantId, sku, seats);
    return {
      result: undefined,
      audit: { scope: tenantId, action: `licence.${mode}Seats`, target: sku.part_number, detail: { seats } },
    };
  });
}
