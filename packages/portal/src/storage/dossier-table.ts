import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

export type DossierStatus = "onboarding" | "active" | "archived";
export const dossierStatuses: readonly DossierStatus[] = ["onboarding", "active", "archived"];

export interface DossierTable {
  id: string;
  firm_id: string;
  name: string;
  /** Lower-cased, accent-free name: what the search and the sort use. */
  name_key: string;
  siren: string;
  siret: string | null;
  address: string;
  accountant_id: string | null;
  status: DossierStatus;
  created_at: number;
  updated_at: number;
}

export interface DossierTables {
  dossier: DossierTable;
}

export async function createDossierTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dossier")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("siren", "text", (c) => c.notNull())
    .addColumn("siret", "text")
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("accountant_id", "text", (c) => c.references("staff.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  // The list is sorted by (name_key, id) and paged by keyset; each filter has its own prefix.
  await db.schema
    .createIndex("dossier_by_name")
    .on("dossier")
    .columns(["firm_id", "name_key", "id"])
    .execute();
  await db.schema
    .createIndex("dossier_by_status")
    .on("dossier")
    .columns(["firm_id", "status", "name_key", "id"])
    .execute();
  await db.schema
    .createIndex("dossier_by_accountant")
    .on("dossier")
    .columns(["firm_id", "accountant_id", "name_key", "id"])
    .execute();
  await db.schema.createIndex("dossier_siren").unique().on("dossier").columns(["firm_id", "siren"]).execute();
}
