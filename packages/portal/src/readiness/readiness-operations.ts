import { recordNotification } from "../notifications/notification-events";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import { checkReadiness } from "./check-readiness";
import { saveReadiness } from "./readiness-queries";
import type { Readiness } from "./readiness-rules";

/**
 * Asks the authority again where a contact stands and keeps the answer. Not audited: it records
 * what Microsoft (or identity) says, nobody's decision. The discovery calls come before the write,
 * so a slow authority never holds a write lock. A contact who had no account and now has one
 * created it: the firm is told, once (the conditional update lets one of two racing checks win).
 */
export async function refreshReadiness(
  ctx: PortalContext,
  contact: Pick<ContactTable, "id" | "firm_id" | "email" | "oid">,
): Promise<Readiness> {
  const found = await checkReadiness(ctx, contact.firm_id, contact.email);
  // Signed in before, and the authority now knows no such account: it was deleted. The contact is
  // unbound, so a new invitation can bind whatever account they sign in with next.
  const deleted = contact.oid !== null && (found.kind === "none" || found.kind === "not_found");
  const readiness: Readiness = deleted ? { ...found, kind: "deleted" } : found;
  await ctx.db.transaction().execute(async (trx) => {
    if (readiness.kind === "work" || readiness.kind === "personal") {
      const created = await trx
        .updateTable("contact")
        .set({ readiness_kind: readiness.kind })
        .where("id", "=", contact.id)
        .where("readiness_kind", "in", ["none", "not_found", "deleted"])
        .executeTakeFirst();
      if (Number(created.numUpdatedRows) === 1)
        await recordNotification(trx, {
          firmId: contact.firm_id,
          contactId: contact.id,
          kind: "account_created",
        });
    }
    await saveReadiness(trx, contact.id, readiness, { unbind: deleted });
  });
  return readiness;
}
