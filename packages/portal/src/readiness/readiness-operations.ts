import { audited } from "@sesame/kit/operations/audited";
import { type PortalActor, writeAudit } from "../audit/audit-log";
import { recordNotification } from "../notifications/notification-events";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import type { PortalDB } from "../storage/schema";
import { checkReadiness } from "./check-readiness";
import { saveReadiness } from "./readiness-queries";
import { hasAccount, NO_ACCOUNT_KINDS, type Readiness } from "./readiness-rules";

/**
 * Asks the authority again where a contact stands and keeps the answer. It records what Microsoft
 * (or identity) says, nobody's decision; only the news that the person created their account goes
 * to the firm's journal. The discovery calls come before the write, so a slow authority never
 * holds a write lock.
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
  await audited<PortalDB, PortalActor, void>(
    { db: ctx.db, writeAudit },
    { name: contact.email },
    async (trx) => {
      // Two statements at most. A found account is first saved only over a "no account" kind:
      // that conditional update is the creation's claim (of two checks racing, one tells the
      // firm); otherwise the readiness is saved as it is.
      const created =
        hasAccount(readiness.kind) &&
        (await saveReadiness(trx, contact.id, readiness, { unbind: deleted, onlyFrom: NO_ACCOUNT_KINDS }));
      if (created)
        await recordNotification(trx, {
          firmId: contact.firm_id,
          contactId: contact.id,
          kind: "account_created",
        });
      else await saveReadiness(trx, contact.id, readiness, { unbind: deleted });
      return {
        result: undefined,
        audit: created ? { scope: contact.firm_id, action: "account.created", target: contact.email } : [],
      };
    },
  );
  return readiness;
}
