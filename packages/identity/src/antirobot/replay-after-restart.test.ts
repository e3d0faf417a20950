import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MemoryCounters } from "@sesame/kit/counters/memory-counters";
import { type Database, narrow } from "@sesame/kit/db/database";
import { sweepExpired } from "@sesame/kit/db/expiry-sweeper";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { openTestDatabase, testTargets } from "@sesame/kit/db/test-databases";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import type { Kysely } from "kysely";
import { identityExpiry, identityMigrations } from "../migrations";
import type { IdentityDB } from "../storage/schema";
import { createAntiRobot } from "./altcha";
import { difficultyRules } from "./difficulty";
import { usedSolutionsIn } from "./used-solutions";

for (const target of await testTargets()) {
  describe(`anti-robot solutions across restarts (${target.label})`, () => {
    let database: Database<IdentityDB>;
    before(async () => {
      database = await openTestDatabase<IdentityDB>(target, "identity");
      await migrateToLatest(database.db as Kysely<unknown>, identityMigrations);
    });
    after(() => database.close());

    // Each "instance" has fresh in-process counters, as after a restart without Redis.
    const instance = () =>
      createAntiRobot({
        secret: "r".repeat(32),
        counters: new MemoryCounters(),
        used: usedSolutionsIn(database.db),
        rules: difficultyRules(2000),
      });

    it("refuses a solution already used before a restart", async () => {
      const challenge = await instance().challenge("198.51.100.9");
      const solution = await solveChallenge({ challenge, deriveKey });
      assert.ok(solution);
      const payload = Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
      assert.deepEqual(await instance().verify(payload), { ok: true });
      assert.deepEqual(await instance().verify(payload), { ok: false, reason: "replayed" });
    });

    it("forgets a used solution once its challenge has expired, not before", async () => {
      const now = Date.now();
      const used = usedSolutionsIn(database.db);
      assert.equal(await used.claim("expired-challenge", now - 1000), true);
      assert.equal(await used.claim("live-challenge", now + 60_000), true);
      await sweepExpired(narrow<unknown, IdentityDB>(database.db), identityExpiry, now);
      const left = await database.db
        .selectFrom("altcha_used_solution")
        .select("challenge_signature")
        .execute();
      const names = left.map((r) => r.challenge_signature);
      assert.ok(names.includes("live-challenge"));
      assert.ok(!names.includes("expired-challenge"));
    });
  });
}
