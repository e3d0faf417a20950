import { audited } from "@sesame/kit/operations/audited";
import { type PortalActor, writeAudit } from "../audit/audit-log";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import type { PortalDB } from "../storage/schema";
import { checkReadiness } from "./check-readiness";
import { saveReadiness } from "./readiness-queries";
import { accountWasCreated, type Readiness } from "./readiness-rules";

/**
 * Asks the authority again where a contact stands and keeps the answer. It records what Microsoft
 * (or identity) says, nobody's decision; only the news that the person created their account goes
 * to the firm's journal. The discovery calls come before the write, so a slow authority never
 * holds a write lock.
 */
export async function refreshReadiness(
  ctx: PortalContext,
  contact: Pick<ContactTable, "id" | "firm_id" | "email">,
): Promise<Readiness> {
  const readiness = await checkReadiness(ctx, contact.firm_id, contact.email);
  await audited<PortalDB, PortalActor, void>(
    { db: ctx.db, writeAudit },
    { name: contact.email },
    async (trx) => {
      const before = await trx
        .selectFrom("contact")
        .select("readiness_kind")
        .where("id", "=", contact.id)
        .executeTakeFirst();
      await saveReadiness(trx, contact.id, readiness);
      const created = accountWasCreated(before?.readiness_kind, readiness.kind);
      return {
        result: undefined,
        audit: created ? { scope: contact.firm_id, action: "account.created", target: contact.email } : [],
      };
    },
  );
  return readiness;
}
