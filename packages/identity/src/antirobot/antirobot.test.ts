import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { MemoryCounters } from "@sesame/kit/counters/memory-counters";
import type { Database } from "@sesame/kit/db/database";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { openTestDatabase, testTargets } from "@sesame/kit/db/test-databases";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import type { Kysely } from "kysely";
import { loadIdentityConfig } from "../config";
import { identityMigrations } from "../migrations";
import type { IdentityDB } from "../storage/schema";
import { antiRobotSecret, createAntiRobot } from "./altcha";
import { difficultyRules, maxNumberFor, networkOf } from "./difficulty";
import { usedSolutionsIn } from "./used-solutions";

const payloadOf = (challenge: object, solution: object) =>
  Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");

describe("anti-robot proof of work", () => {
  let database: Database<IdentityDB>;
  before(async () => {
    const [sqlite] = await testTargets();
    assert.ok(sqlite);
    database = await openTestDatabase<IdentityDB>(sqlite, "identity");
    await migrateToLatest(database.db as Kysely<unknown>, identityMigrations);
  });
  after(() => database.close());

  it("accepts after a restart a challenge issued before it, with no secret configured", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-altcha-"));
    const robot = () =>
      createAntiRobot({
        secret: antiRobotSecret(loadIdentityConfig({ SESAME_DATA_DIR: dataDir })),
        counters: new MemoryCounters(),
        used: usedSolutionsIn(database.db),
        rules: difficultyRules(2000),
      });
    const challenge = await robot().challenge("198.51.100.4");
    const solution = await solveChallenge({ challenge, deriveKey });
    assert.ok(solution);
    assert.deepEqual(await robot().verify(payloadOf(challenge, solution)), { ok: true });
    const configured = loadIdentityConfig({ SESAME_DATA_DIR: dataDir, SESAME_SECRET: "c".repeat(32) });
    assert.equal(antiRobotSecret(configured), "c".repeat(32));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("groups addresses by /24 and /64 network", () => {
    assert.equal(networkOf("203.0.113.77"), "203.0.113.0/24");
    assert.equal(networkOf("::ffff:203.0.113.77"), "203.0.113.0/24");
    assert.equal(networkOf("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    assert.equal(networkOf("2001:db8::1"), "2001:db8:0:0::/64");
  });

  it("raises the work when one network's sign-up traffic spikes", () => {
    const rules = difficultyRules(50_000);
    assert.equal(maxNumberFor(rules, 1), 50_000);
    assert.equal(maxNumberFor(rules, 30), 50_000);
    assert.equal(maxNumberFor(rules, 31), 100_000);
    assert.equal(maxNumberFor(rules, 61), 200_000);
    assert.equal(maxNumberFor(rules, 1_000_000), 10_000_000);
  });

  it("accepts a real solution once, and refuses a tampered or replayed one", async () => {
    const robot = createAntiRobot({
      secret: "s".repeat(32),
      counters: new MemoryCounters(),
      used: usedSolutionsIn(database.db),
      rules: difficultyRules(2000),
    });
    const challenge = await robot.challenge("198.51.100.4");
    const solution = await solveChallenge({ challenge, deriveKey });
    assert.ok(solution);
    const payload = payloadOf(challenge, solution);
    assert.deepEqual(await robot.verify(payload), { ok: true });
    assert.deepEqual(await robot.verify(payload), { ok: false, reason: "replayed" });
    const other = await robot.challenge("198.51.100.4");
    assert.deepEqual(await robot.verify(payloadOf(other, { ...solution })), { ok: false, reason: "invalid" });
    assert.deepEqual(await robot.verify("not base64 json"), { ok: false, reason: "invalid" });
    assert.deepEqual(await robot.verify(undefined), { ok: false, reason: "missing" });
  });
});
