import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { withStartupLock } from "@sesame/kit/service/startup-lock";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { insertDossier } from "../dossiers/dossier-queries";
import { findFirmByCode, insertFirm, insertStaff, listStaff } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";

export const DEMO_FIRM = {
  code: "YPN",
  name: "Cabinet Yvelines Partenaires Numériques",
  domain: "ypn-expertise.fr",
};

/** Staff of the firm, waiting for their first Microsoft sign-in with these work accounts (identity's demo tenant "Cabinet YPN"). */
export const demoStaff = [
  { email: "yves.prigent@ypn-expertise.fr", displayName: "Yves Prigent", role: "admin" },
  { email: "claire.lefevre@ypn-expertise.fr", displayName: "Claire Lefèvre", role: "accountant" },
] as const;

export const demoDossiers = [
  {
    name: "Boulangerie Martin",
    siren: "812345676",
    siret: "81234567600017",
    address: "12 rue de la Paroisse, 78000 Versailles",
    status: "onboarding",
  },
  {
    name: "Garage des Tilleuls",
    siren: "523456788",
    siret: null,
    address: "4 avenue de Paris, 78100 Saint-Germain-en-Laye",
    status: "active",
  },
  {
    name: "Atelier Lefèvre Menuiserie",
    siren: "434567897",
    siret: null,
    address: "27 chemin des Vignes, 78990 Élancourt",
    status: "active",
  },
] as const;

export const demoContacts = [
  {
    civility: "mme",
    firstName: "Camille",
    lastName: "Collaboratif",
    email: "client.collaboratif@gmail.com",
    dossier: "812345676",
    language: "fr",
  },
  {
    civility: "mme",
    firstName: "Emma",
    lastName: "Petit",
    email: "emma.petit@boulangerie-martin.fr",
    dossier: "812345676",
    language: "fr",
  },
] as const;

export interface PortalDemoLine {
  readonly label: string;
  readonly value: string;
}

/** Idempotent: creates the demo firm and its data once; later starts change nothing. */
export async function seedPortalDemo(ctx: PortalContext): Promise<PortalDemoLine[]> {
  const lines: PortalDemoLine[] = [
    { label: "portal demo firm", value: `${DEMO_FIRM.name}: ${ctx.origin}/${DEMO_FIRM.code}` },
    ...demoStaff.map((s) => ({
      label: `  firm staff (${s.role})`,
      value: `${s.email}, Microsoft sign-in at ${ctx.origin}/${DEMO_FIRM.code}/signin`,
    })),
    ...demoContacts.map((c) => ({
      label: "  interlocuteur",
      value: `${c.email} (${ctx.origin}/${DEMO_FIRM.code}/interlocuteurs)`,
    })),
  ];
  await withStartupLock(ctx.database, () => seedFirmOnce(ctx));
  return lines;
}

/** Under the startup lock: instances starting together create the firm once. */
async function seedFirmOnce(ctx: PortalContext): Promise<void> {
  if (await findFirmByCode(ctx.db, DEMO_FIRM.code)) return;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const firm = await insertFirm(trx, {
        code: DEMO_FIRM.code,
        name: DEMO_FIRM.name,
        contactEmail: demoStaff[0].email,
      });
      for (const s of demoStaff) {
        await insertStaff(trx, {
          firmId: firm.id,
          email: s.email,
          displayName: s.displayName,
          role: s.role,
          expectedTenant: DEMO_FIRM.domain,
        });
      }
      const accountant = (await listStaff(trx, firm.id)).find((s) => s.role === "accountant");
      const dossierIds = new Map<string, string>();
      for (const d of demoDossiers) {
        const row = await insertDossier(trx, firm.id, { ...d, accountantId: accountant?.id ?? null });
        dossierIds.set(d.siren, row.id);
      }
      for (const c of demoContacts) {
        const row = await insertContact(trx, firm.id, { ...c, phone: null });
        const dossierId = dossierIds.get(c.dossier);
        if (dossierId)
          await linkDossier(trx, row.id, { dossierId, read: true, upload: true, approve: false });
      }
    });
  } catch (error) {
    // Another instance seeded at the same moment.
    if (!isUniqueViolation(error)) throw error;
  }
}
