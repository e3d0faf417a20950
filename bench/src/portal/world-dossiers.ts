/** The benchmark firm's dossiers: trade and town names, valid SIRENs, statuses and accountants in turn. */
import { dossierRow } from "@sesame/portal/dossiers/dossier-queries";
import type { DossierStatus } from "@sesame/portal/storage/dossier-table";
import type { PortalDB } from "@sesame/portal/storage/schema";
import type { Insertable } from "kysely";

const words = [
  "Boulangerie",
  "Garage",
  "Atelier",
  "Cabinet",
  "Pharmacie",
  "Menuiserie",
  "Transports",
  "Librairie",
  "Fromagerie",
  "Plomberie",
];
const towns = ["Versailles", "Élancourt", "Poissy", "Mantes", "Houdan", "Chatou", "Rambouillet", "Plaisir"];
const statuses: DossierStatus[] = ["onboarding", "active", "active", "active", "archived"];
/** A valid SIREN from 8 digits: the Luhn key appended. */
function sirenOf(n: number): string {
  const body = String(10_000_000 + n).slice(-8);
  for (let key = 0; key < 10; key++) {
    const digits = body + key;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let d = Number(digits[8 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error("unreachable");
}

export function dossierRows(
  firmId: string,
  count: number,
  accountants: readonly string[],
  now: number,
): Insertable<PortalDB["dossier"]>[] {
  const dossiers: Insertable<PortalDB["dossier"]>[] = [];
  for (let i = 0; i < count; i++) {
    dossiers.push(
      dossierRow(
        firmId,
        {
          name: `${words[i % words.length]} ${towns[(i * 7) % towns.length]} ${i}`,
          siren: sirenOf(i * 7919),
          siret: null,
          address: `${i} rue de Paris`,
          accountantId: accountants[i % accountants.length] ?? null,
          status: statuses[i % statuses.length] ?? "active",
        },
        now - (count - i) * 60_000,
      ),
    );
  }
  return dossiers;
}
