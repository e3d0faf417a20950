import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { StaffRequest } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { type Dossier, type DossierInput, dossierRow, insertDossier, updateDossier } from "./dossier-queries";

/** A SIREN the firm already has (the unique index decides, also between two people at once). */
export type DossierRefusal = "dossier.error.duplicate";
export type DossierOutcome = { ok: true; dossier: Dossier } | { ok: false; refusal: DossierRefusal };

const describe = (name: string, siren: string) => `${name} (${siren})`;

export async function createDossier(
  ctx: PortalContext,
  who: StaffRequest,
  input: DossierInput,
): Promise<DossierOutcome> {
  return refusingDuplicates(() =>
    audited(ctx, { name: who.staff.email }, async (trx) => {
      const row = await insertDossier(trx, who.firm.id, input);
      return {
        result: row,
        audit: { scope: who.firm.id, action: "dossier.create", target: describe(row.name, row.siren) },
      };
    }),
  );
}

export async function changeDossier(
  ctx: PortalContext,
  who: StaffRequest,
  dossier: Dossier,
  input: DossierInput,
): Promise<DossierOutcome> {
  return refusingDuplicates(() =>
    audited(ctx, { name: who.staff.email }, async (trx) => {
      await updateDossier(trx, who.firm.id, dossier.id, input);
      return {
        result: { ...dossier, ...dossierRow(who.firm.id, input), id: dossier.id },
        audit: { scope: who.firm.id, action: "dossier.update", target: describe(input.name, dossier.siren) },
      };
    }),
  );
}

/**
 * The create step inside an operation's own transaction (the CSV import creates a whole file in
 * one transaction and one audit entry); a duplicate SIREN throws and rolls that transaction back.
 */
export async function createDossiersIn(
  trx: Kysely<PortalDB>,
  firmId: string,
  inputs: readonly DossierInput[],
): Promise<void> {
  const now = Date.now();
  const rows = inputs.map((input) => dossierRow(firmId, input, now));
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto("dossier")
      .values(rows.slice(i, i + 500))
      .execute();
}

async function refusingDuplicates(write: () => Promise<Dossier>): Promise<DossierOutcome> {
  try {
    return { ok: true, dossier: await write() };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, refusal: "dossier.error.duplicate" };
  }
}
