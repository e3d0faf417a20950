/**
 * Portal benchmark: the firm's dossier list (search, filters, keyset paging) with 10,000 dossiers
 * and 50,000 interlocuteurs, on SQLite and on PostgreSQL when reachable. Goal: p95 < 50 ms.
 * Exported for bench/src/main.ts: `await benchPortalDossierList()` returns one row per storage.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { openTestDatabase, testTargets } from "@sesame/kit/db/test-databases";
import { contactRow } from "@sesame/portal/contacts/contact-queries";
import { dossierRow, listDossiers } from "@sesame/portal/dossiers/dossier-queries";
import { insertFirm, insertStaff } from "@sesame/portal/firms/firm-queries";
import type { DossierStatus } from "@sesame/portal/storage/dossier-table";
import { portalMigrations } from "@sesame/portal/storage/migrations";
import type { PortalDB } from "@sesame/portal/storage/schema";
import { type Kysely, sql } from "kysely";

export interface PortalBenchRow {
  readonly benchmark: string;
  readonly storage: "sqlite" | "postgres";
  readonly dossiers: number;
  readonly interlocuteurs: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly goalMs: number;
  /** p95 against the goal: below 1 meets it. */
  readonly ratioToGoal: number;
}

const DOSSIERS = 10_000;
const CONTACTS = 50_000;
const GOAL_MS = 50;
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

async function fill(db: Kysely<PortalDB>): Promise<{ firmId: string; accountants: string[] }> {
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
  const now = Date.now();
  const dossierIds: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < DOSSIERS; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(DOSSIERS, start + 500); i++) {
        const row = dossierRow(
          firm.id,
          {
            name: `${words[i % words.length]} ${towns[(i * 7) % towns.length]} ${i}`,
            siren: sirenOf(i * 7919),
            siret: null,
            address: `${i} rue de Paris`,
            accountantId: accountants[i % accountants.length] ?? null,
            status: statuses[i % statuses.length] ?? "active",
          },
          now,
        );
        dossierIds.push(row.id);
        rows.push(row);
      }
      await trx.insertInto("dossier").values(rows).execute();
    }
    for (let start = 0; start < CONTACTS; start += 500) {
      const rows = [];
      const links = [];
      for (let i = start; i < Math.min(CONTACTS, start + 500); i++) {
        const row = contactRow(
          firm.id,
          {
            civility: i % 2 ? "m" : "mme",
            firstName: `Prénom${i}`,
            lastName: `Nom${i}`,
            email: `c${i}@exemple.fr`,
            phone: null,
            language: "fr",
          },
          now,
        );
        rows.push(row);
        links.push({
          contact_id: row.id,
          dossier_id: dossierIds[i % DOSSIERS] ?? "",
          can_read: 1,
          can_upload: 1,
          can_approve: 0,
        });
      }
      await trx.insertInto("contact").values(rows).execute();
      await trx.insertInto("contact_dossier").values(links).execute();
    }
  });
  return { firmId: firm.id, accountants };
}

/** The requests a firm makes all day: first page, filters, searches, a page deep in the list. */
function requestMix(firmId: string, accountants: string[], db: Kysely<PortalDB>) {
  return [
    () => listDossiers(db, firmId, { limit: 51 }),
    () => listDossiers(db, firmId, { status: "onboarding", limit: 51 }),
    () => listDossiers(db, firmId, { accountantId: accountants[3], limit: 51 }),
    () => listDossiers(db, firmId, { query: "pharmacie", limit: 51 }),
    () => listDossiers(db, firmId, { query: "chatou 12", limit: 51 }),
    () => listDossiers(db, firmId, { query: "1234", limit: 51 }),
    () => listDossiers(db, firmId, { status: "active", accountantId: accountants[1], limit: 51 }),
    () => listDossiers(db, firmId, { after: { key: "menuiserie", id: "" }, limit: 51 }),
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function benchPortalDossierList(options: { rounds?: number } = {}): Promise<PortalBenchRow[]> {
  const rounds = options.rounds ?? 40;
  const rows: PortalBenchRow[] = [];
  for (const target of await testTargets()) {
    const database = await openTestDatabase<PortalDB>(target, `bench_portal_${randomUUID().slice(0, 8)}`);
    try {
      await migrateToLatest(database.db as Kysely<unknown>, portalMigrations);
      const { firmId, accountants } = await fill(database.db);
      if (target.label === "postgres") await sql`analyze`.execute(database.db);
      const mix = requestMix(firmId, accountants, database.db);
      for (const run of mix) await run(); // warm-up
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const run of mix) {
          const started = performance.now();
          await run();
          times.push(performance.now() - started);
        }
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 0.95);
      rows.push({
        benchmark: "portal dossier list (search, filters, keyset paging)",
        storage: target.label,
        dossiers: DOSSIERS,
        interlocuteurs: CONTACTS,
        requests: times.length,
        p50Ms: Number(percentile(times, 0.5).toFixed(2)),
        p95Ms: Number(p95.toFixed(2)),
        goalMs: GOAL_MS,
        ratioToGoal: Number((p95 / GOAL_MS).toFixed(3)),
      });
    } finally {
      await database.close();
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchPortalDossierList();
  console.table(rows);
}
