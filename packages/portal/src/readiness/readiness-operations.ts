import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import { checkReadiness } from "./check-readiness";
import { saveReadiness } from "./readiness-queries";
import type { Readiness } from "./readiness-rules";

/**
 * Asks the authority again where a contact stands and keeps the answer. Not audited: it records
 * what Microsoft (or identity) says, nobody's decision. The discovery calls come before the write,
 * so a slow authority never holds a write lock.
 */
export async function refreshReadiness(
  ctx: PortalContext,
  contact: Pick<ContactTable, "id" | "firm_id" | "email">,
): Promise<Readiness> {
  const readiness = await checkReadiness(ctx, contact.firm_id, contact.email);
  await saveReadiness(ctx.db, contact.id, readiness);
  return readiness;
}
