import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { audited } from "@sesame/kit/operations/audited";
import { createContactsIn } from "../contacts/contact-operations";
import { createDossiersIn } from "../dossiers/dossier-operations";
import type { StaffRequest } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import type { ImportPlan } from "./import-rows";

/**
 * All or nothing: the whole file in one transaction with one audit entry, through the dossier and
 * contact operations' create steps. A plan with any error is refused before it starts; a SIREN or
 * address someone else created meanwhile rolls the whole file back.
 */
export async function applyImport(
  ctx: PortalContext,
  who: StaffRequest,
  plan: ImportPlan,
): Promise<{ ok: true; count: number } | { ok: false; refusal: "import.failed" }> {
  if (plan.errors.length > 0) throw new Error("an import with errors is never applied");
  try {
    const count = await audited(ctx, { name: who.staff.email }, async (trx) => {
      if (plan.kind === "dossiers") await createDossiersIn(trx, who.firm.id, plan.rows);
      else await createContactsIn(trx, who.firm.id, plan.rows);
      return {
        result: plan.rows.length,
        audit: { scope: who.firm.id, action: `import.${plan.kind}`, target: String(plan.rows.length) },
      };
    });
    return { ok: true, count };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, refusal: "import.failed" };
  }
}
