/**
 * The portal benchmark's firm: 10,000 dossiers (world-dossiers.ts), one contact each, every tenth
 * contact in two more, spread over the onboarding funnel (world-contacts.ts), 100,000 documents,
 * request lists, messages and approvals (world-dossier-content.ts), written in one transaction
 * (world-insert.ts). `scale` shrinks it for `--quick`.
 */
import { insertFirm, insertStaff } from "@sesame/portal/firms/firm-queries";
import type { PortalDB } from "@sesame/portal/storage/schema";
import type { Kysely } from "kysely";
import { contactRows } from "./world-contacts";
import { dossierContentRows } from "./world-dossier-content";
import { dossierRows } from "./world-dossiers";
import { insertWorld } from "./world-insert";

export interface PortalWorld {
  readonly firmId: string;
  readonly accountants: readonly string[];
  readonly admin: string;
  /** A contact of one dossier, and one of three. */
  readonly singleContact: string;
  readonly multiContact: string;
  readonly counts: { dossiers: number; contacts: number; documents: number; items: number; messages: number };
}

export async function seedPortalWorld(db: Kysely<PortalDB>, scale = 1): Promise<PortalWorld> {
  const DOSSIERS = Math.round(10_000 * scale);
  const firm = await insertFirm(db, { code: "YPN", name: "Cabinet YPN" });
  const accountants: string[] = [];
  for (let i = 0; i < 8; i++) {
    const s = await insertStaff(db, {
      firmId: firm.id,
      email: `expert${i}@ypn.fr`,
      displayName: `Expert ${i}`,
      role: "accountant",
      expectedTenant: "ypn.fr",
    });
    accountants.push(s.id);
  }
  const admin = await insertStaff(db, {
    firmId: firm.id,
    email: "associe@ypn.fr",
    displayName: "Associé",
    role: "admin",
    expectedTenant: "ypn.fr",
  });
  const now = Date.now();
  const dossiers = dossierRows(firm.id, DOSSIERS, accountants, now);
  const dossierId = (i: number) => dossiers[((i % DOSSIERS) + DOSSIERS) % DOSSIERS]?.id ?? "";
  const people = contactRows(firm.id, DOSSIERS, dossierId, now);
  const { contacts } = people;
  const content = dossierContentRows(firm.id, DOSSIERS, dossierId, accountants, contacts, now);
  const { documents, items, messages } = content;
  await insertWorld(db, dossiers, { ...people, ...content });
  return {
    firmId: firm.id,
    accountants,
    admin: admin.id,
    singleContact: contacts[2]?.id ?? "",
    multiContact: contacts[0]?.id ?? "",
    counts: {
      dossiers: DOSSIERS,
      contacts: contacts.length,
      documents: documents.length,
      items: items.length,
      messages: messages.length,
    },
  };
}
