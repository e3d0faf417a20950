import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createLogger } from "../logging/logger";
import { narrow } from "./database";
import { createExpiryIndexes, type ExpiryRule, startExpirySweeper, sweepExpired } from "./expiry-sweeper";
import { openTestDatabase, testTargets } from "./test-databases";

interface Tables {
  marker: { id: string; expires_at: number };
  letter: { id: string; sent_at: number | null };
}

const HOUR = 3_600_000;
const rules: ExpiryRule[] = [
  { table: "marker", column: "expires_at", keepMs: HOUR },
  { table: "letter", column: "sent_at", keepMs: 24 * HOUR },
];

for (const target of await testTargets()) {
  describe(`expiry sweeper (${target.label})`, async () => {
    const database = await openTestDatabase<Tables>(target, "sweeper");
    const { db } = database;
    const untyped = narrow<unknown, Tables>(db);
    after(() => database.close());
    await db.schema
      .createTable("marker")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("letter")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("sent_at", "bigint")
      .execute();
    await createExpiryIndexes(untyped, rules);
    const ids = async (table: "marker" | "letter") =>
      (await db.selectFrom(table).select("id").orderBy("id").execute()).map((r) => r.id);

    it("deletes only rows past their keeping time, never rows without a time", async () => {
      const now = Date.now();
      await db
        .insertInto("marker")
        .values([
          { id: "expired-2h", expires_at: now - 2 * HOUR },
          { id: "expired-30min", expires_at: now - HOUR / 2 },
          { id: "live", expires_at: now + HOUR },
        ])
        .execute();
      await db
        .insertInto("letter")
        .values([
          { id: "sent-2d", sent_at: now - 48 * HOUR },
          { id: "sent-1h", sent_at: now - HOUR },
          { id: "unsent", sent_at: null },
        ])
        .execute();
      const deleted = await sweepExpired(untyped, rules, now);
      assert.deepEqual(deleted, { marker: 1, letter: 1 });
      assert.deepEqual(await ids("marker"), ["expired-30min", "live"]);
      assert.deepEqual(await ids("letter"), ["sent-1h", "unsent"]);
      assert.deepEqual(await sweepExpired(untyped, rules, now), { marker: 0, letter: 0 });
    });

    it("creates its indexes once, whatever the number of calls", async () => {
      await createExpiryIndexes(untyped, rules);
    });

    it("runs one pass at a time and stops cleanly", async () => {
      const sweeper = startExpirySweeper({ db: untyped, rules, logger: createLogger("test", "silent") });
      const [a, b] = [sweeper.sweep(), sweeper.sweep()];
      assert.equal(a, b);
      await a;
      await sweeper.stop();
    });
  });
}
