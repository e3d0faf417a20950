import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit-log";
import { contactRow, linkDossier } from "../contacts/contact-queries";
import { dossierRow } from "../dossiers/dossier-queries";
import type { PortalDB } from "../storage/schema";
import type { ImportLookups, ImportPlan } from "./import-rows";

export async function importLookups(db: Kysely<PortalDB>, firmId: string): Promise<ImportLookups> {
  const [staff, dossiers, contacts] = await Promise.all([
    db.selectFrom("staff").select(["id", "email_normalized", "role"]).where("firm_id", "=", firmId).execute(),
    db.selectFrom("dossier").select(["id", "siren"]).where("firm_id", "=", firmId).execute(),
    db.selectFrom("contact").select("email_normalized").where("firm_id", "=", firmId).execute(),
  ]);
  return {
    accountantIdByEmail: new Map(
      staff.filter((s) => s.role !== "assistant").map((s) => [s.email_normalized, s.id]),
    ),
    existingSirens: new Set(dossiers.map((d) => d.siren)),
    existingEmails: new Set(contacts.map((c) => c.email_normalized)),
    dossierIdBySiren: new Map(dossiers.map((d) => [d.siren, d.id])),
  };
}

/** All or nothing: one transaction, and a plan with any error is refused before it starts. */
export async function applyImport(
  db: Kysely<PortalDB>,
  firmId: string,
  actor: string,
  plan: ImportPlan,
): Promise<number> {
  if (plan.errors.length > 0) throw new Error("an import with errors is never applied");
  return db.transaction().execute(async (trx) => {
    if (plan.kind === "dossiers") {
      const now = Date.now();
      const rows = plan.rows.map((input) => dossierRow(firmId, input, now));
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto("dossier")
          .values(rows.slice(i, i + 500))
          .execute();
    } else {
      for (const { contact, links } of plan.rows) {
        const row = contactRow(firmId, contact);
        await trx.insertInto("contact").values(row).execute();
        for (const link of links) await linkDossier(trx, row.id, link);
      }
    }
    await recordAudit(trx, {
      firmId,
      actor,
      action: `import.${plan.kind}`,
      target: String(plan.rows.length),
    });
    return plan.rows.length;
  });
}
