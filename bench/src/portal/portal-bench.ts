/**
 * Portal benchmark (`npm run bench -- portal`): on SQLite and on PostgreSQL when reachable, one firm
 * of 10,000 dossiers, 10,000 contacts and 100,000 documents (portal-world.ts); each page of
 * portal-pages.ts timed over at least 200 requests after a warm-up. Goal: p95 < 50 ms.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { openTestDatabase, testTargets } from "@sesame/kit/db/test-databases";
import { portalMigrations } from "@sesame/portal/storage/migrations";
import type { PortalDB } from "@sesame/portal/storage/schema";
import { type Kysely, sql } from "kysely";
import { portalPages } from "./portal-pages";
import { type PortalWorld, seedPortalWorld } from "./portal-world";

export interface PortalBenchRow {
  readonly page: string;
  readonly storage: "sqlite" | "postgres";
  readonly requests: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly goalMs: number;
  /** p95 against the goal: below 1 meets it. */
  readonly ratioToGoal: number;
}

export interface PortalBenchResult {
  readonly rows: PortalBenchRow[];
  readonly counts: PortalWorld["counts"];
  readonly seedSeconds: Partial<Record<"sqlite" | "postgres", number>>;
}

const GOAL_MS = 50;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** `scale` shrinks the firm (`--quick`); `requests` is the count timed per page. */
export async function benchPortal(
  options: { scale?: number; requests?: number } = {},
): Promise<PortalBenchResult> {
  const requests = options.requests ?? 200;
  const rows: PortalBenchRow[] = [];
  const seedSeconds: PortalBenchResult["seedSeconds"] = {};
  let counts: PortalWorld["counts"] | undefined;
  for (const target of await testTargets()) {
    const database = await openTestDatabase<PortalDB>(target, `bench_portal_${randomUUID().slice(0, 8)}`);
    try {
      await migrateToLatest(database.db as Kysely<unknown>, portalMigrations);
      const seeding = performance.now();
      const world = await seedPortalWorld(database.db, options.scale ?? 1);
      seedSeconds[target.label] = (performance.now() - seeding) / 1000;
      counts = world.counts;
      await sql`analyze`.execute(database.db);
      for (const page of portalPages(database.db, world)) {
        for (let w = 0; w < 20; w++) await page.mix[w % page.mix.length]?.(); // warm-up
        const times: number[] = [];
        for (let r = 0; r < requests; r++) {
          const load = page.mix[r % page.mix.length];
          const started = performance.now();
          await load?.();
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const p95 = percentile(times, 0.95);
        rows.push({
          page: page.name,
          storage: target.label,
          requests: times.length,
          p50Ms: Number(percentile(times, 0.5).toFixed(2)),
          p95Ms: Number(p95.toFixed(2)),
          goalMs: GOAL_MS,
          ratioToGoal: Number((p95 / GOAL_MS).toFixed(3)),
        });
      }
    } finally {
      await database.close();
    }
  }
  if (!counts) throw new Error("no storage to run the portal benchmark on");
  return { rows, counts, seedSeconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchPortal({ scale: process.argv.includes("--quick") ? 0.1 : 1 });
  console.log(result.counts, result.seedSeconds);
  console.table(result.rows);
}
