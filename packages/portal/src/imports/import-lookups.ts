import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";
import type { ImportLookups } from "./import-rows";

/** What a file is checked against: the firm's accountants, SIRENs and addresses. */
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
