import { z } from "zod";
import { type DossierStatus, dossierStatuses } from "../storage/dossier-table";
import type { DossierInput } from "./dossier-queries";
import { cleanDigits, isValidSiren, isValidSiret } from "./siren";

export type DossierField = "name" | "siren" | "siret" | "address" | "accountant";
export type DossierErrorKey =
  | "dossier.error.name"
  | "dossier.error.siren"
  | "dossier.error.siret"
  | "dossier.error.siretMismatch"
  | "dossier.error.address"
  | "dossier.error.accountant";

const raw = z.object({
  name: z.string().default(""),
  siren: z.string().default(""),
  siret: z.string().default(""),
  address: z.string().default(""),
  accountant_id: z.string().default(""),
  status: z.string().default("onboarding"),
});

/**
 * Checks a dossier form or CSV row (rules only: the accountant list is given). Returns the typed
 * input or one error per field, in the order the form shows them.
 */
export function parseDossier(
  body: unknown,
  accountantIds: readonly string[],
): { ok: true; input: DossierInput } | { ok: false; errors: Partial<Record<DossierField, DossierErrorKey>> } {
  const fields = raw.safeParse(body ?? {});
  const v = fields.success ? fields.data : raw.parse({});
  const errors: Partial<Record<DossierField, DossierErrorKey>> = {};
  const name = v.name.trim();
  if (!name || name.length > 200) errors.name = "dossier.error.name";
  if (!isValidSiren(v.siren)) errors.siren = "dossier.error.siren";
  const siret = cleanDigits(v.siret);
  if (siret) {
    if (!isValidSiret(siret)) errors.siret = "dossier.error.siret";
    else if (!errors.siren && !siret.startsWith(cleanDigits(v.siren)))
      errors.siret = "dossier.error.siretMismatch";
  }
  const address = v.address.trim();
  if (!address || address.length > 500) errors.address = "dossier.error.address";
  const accountantId = v.accountant_id.trim();
  if (accountantId && !accountantIds.includes(accountantId)) errors.accountant = "dossier.error.accountant";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const status = (dossierStatuses as readonly string[]).includes(v.status)
    ? (v.status as DossierStatus)
    : "onboarding";
  return {
    ok: true,
    input: {
      name,
      siren: v.siren,
      siret: siret || null,
      address,
      accountantId: accountantId || null,
      status,
    },
  };
}
