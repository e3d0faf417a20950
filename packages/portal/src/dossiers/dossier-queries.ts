import { randomUUID } from "node:crypto";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { DossierStatus, DossierTable } from "../storage/dossier-table";
import type { PortalDB } from "../storage/schema";
import { nameKey } from "./name-key";
import { cleanDigits } from "./siren";

export type Dossier = DossierTable;

export interface DossierInput {
  readonly name: string;
  readonly siren: string;
  readonly siret: string | null;
  readonly address: string;
  readonly accountantId: string | null;
  readonly status: DossierStatus;
}

export function dossierRow(firmId: string, input: DossierInput, now = Date.now()): Dossier {
  return {
    id: randomUUID(),
    firm_id: firmId,
    name: input.name.trim(),
    name_key: nameKey(input.name),
    siren: cleanDigits(input.siren),
    siret: input.siret ? cleanDigits(input.siret) : null,
    address: input.address.trim(),
    accountant_id: input.accountantId,
    status: input.status,
    created_at: now,
    updated_at: now,
  };
}

export async function insertDossier(db: Kysely<PortalDB>, firmId: string, input: DossierInput) {
  const row = dossierRow(firmId, input);
  await db.insertInto("dossier").values(row).execute();
  return row;
}

export async function updateDossier(db: Kysely<PortalDB>, firmId: string, id: string, input: DossierInput) {
  await db
    .updateTable("dossier")
    .set({
      name: input.name.trim(),
      name_key: nameKey(input.name),
      siren: cleanDigits(input.siren),
      siret: input.siret ? cleanDigits(input.siret) : null,
      address: input.address.trim(),
      accountant_id: input.accountantId,
      status: input.status,
      updated_at: Date.now(),
    })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function findDossier(db: Kysely<PortalDB>, firmId: string, id: string) {
  return db
    .selectFrom("dossier")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export interface DossierFilter {
  readonly query?: string;
  readonly status?: DossierStatus;
  readonly accountantId?: string;
  /** Keyset cursor: the (name_key, id) of the last row of the previous page. */
  readonly after?: { readonly key: string; readonly id: string };
  readonly limit: number;
}

export interface DossierListRow extends Dossier {
  accountant_name: string | null;
}

/**
 * The dossier search, here and in the dashboard's dossier filter: three digits or more (spaces
 * allowed) look up the SIREN from its start, anything else the name, wherever it occurs, without
 * case or accents.
 */
export function dossierMatches(eb: ExpressionBuilder<PortalDB, "dossier">, text: string) {
  const digits = cleanDigits(text);
  return /^\d{3,14}$/.test(digits)
    ? eb("dossier.siren", "like", `${digits.slice(0, 9)}%`)
    : eb("dossier.name_key", "like", `%${nameKey(text).replace(/[%_\\]/g, "")}%`);
}

/** One page of the firm's dossiers, sorted by name; stays on an index at any size (keyset paging). */
export async function listDossiers(
  db: Kysely<PortalDB>,
  firmId: string,
  filter: DossierFilter,
): Promise<DossierListRow[]> {
  let q = db
    .selectFrom("dossier")
    .leftJoin("staff", "staff.id", "dossier.accountant_id")
    .selectAll("dossier")
    .select("staff.display_name as accountant_name")
    .where("dossier.firm_id", "=", firmId);
  const text = filter.query?.trim() ?? "";
  if (text) q = q.where((eb) => dossierMatches(eb, text));
  if (filter.status) q = q.where("dossier.status", "=", filter.status);
  if (filter.accountantId) q = q.where("dossier.accountant_id", "=", filter.accountantId);
  const after = filter.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("dossier.name_key", ">", after.key),
        eb.and([eb("dossier.name_key", "=", after.key), eb("dossier.id", ">", after.id)]),
      ]),
    );
  }
  return q.orderBy("dossier.name_key").orderBy("dossier.id").limit(filter.limit).execute();
}

export async function contactsOfDossier(db: Kysely<PortalDB>, dossierId: string) {
  return db
    .selectFrom("contact_dossier")
    .innerJoin("contact", "contact.id", "contact_dossier.contact_id")
    .selectAll("contact")
    .select(["contact_dossier.can_read", "contact_dossier.can_upload", "contact_dossier.can_approve"])
    .where("contact_dossier.dossier_id", "=", dossierId)
    .orderBy("contact.last_name")
    .execute();
}

export async function dossiersOfContact(db: Kysely<PortalDB>, contactId: string) {
  return db
    .selectFrom("contact_dossier")
    .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
    .select([
      "dossier.id",
      "dossier.name",
      "dossier.siren",
      "dossier.status",
      "contact_dossier.can_read",
      "contact_dossier.can_upload",
      "contact_dossier.can_approve",
    ])
    .where("contact_dossier.contact_id", "=", contactId)
    .orderBy("dossier.name_key")
    .execute();
}

export async function findDossierBySiren(db: Kysely<PortalDB>, firmId: string, siren: string) {
  return db
    .selectFrom("dossier")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("siren", "=", cleanDigits(siren))
    .executeTakeFirst();
}
