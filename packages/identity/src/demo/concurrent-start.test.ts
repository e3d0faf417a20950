import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { sql } from "kysely";
import type { IdentityContext } from "../context";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { seedIdentityDemo } from "./demo-data";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const seededTables = ["account", "tenant", "tenant_domain", "application", "subscription"] as const;

async function rowCounts(ctx: IdentityContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of seededTables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.db);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

/**
 * Two instances started at the same moment on one empty database, each migrating and seeding the
 * demo data as `npm start` does: both come up, and the demo data exists once.
 */
for (const target of await testTargets()) {
  describe(`two identity instances starting together on one empty database (${target.label})`, () => {
    const started: IdentityHarness[] = [];
    after(async () => {
      for (const h of started) await h.close();
    });

    it("both start and seed, and the demo data exists once", async () => {
      const reference = await startTestIdentity(target, { env: fast });
      started.push(reference);
      await seedIdentityDemo(reference.identity.ctx);
      const once = await rowCounts(reference.identity.ctx);

      for (let round = 0; round < 3; round++) {
        const env = {
          ...fast,
          DATABASE_URL: await target.freshUrl(),
          SESAME_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        };
        const outcomes = await Promise.allSettled(
          [0, 1].map(async () => {
            const h = await startTestIdentity(target, { env });
            started.push(h);
            await seedIdentityDemo(h.identity.ctx);
            return h;
          }),
        );
        for (const outcome of outcomes)
          assert.equal(
            outcome.status,
            "fulfilled",
            outcome.status === "rejected" ? String(outcome.reason) : "",
          );
        const [a] = outcomes.map((o) => (o.status === "fulfilled" ? o.value : undefined));
        assert.ok(a);
        assert.deepEqual(await rowCounts(a.identity.ctx), once);
      }
    });
  });
}
