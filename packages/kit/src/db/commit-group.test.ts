import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { commitGroup } from "./commit-group";
import { openTestDatabase, testTargets } from "./test-databases";

interface Tables {
  parent: { id: string };
  child: { id: string; parent_id: string };
}

/** Every caller's outcome, in order: the value, or the error's message. */
const outcomes = (settled: PromiseSettledResult<unknown>[]) =>
  settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message));

for (const target of await testTargets()) {
  describe(`grouped transactions (${target.label})`, async () => {
    const database = await openTestDatabase<Tables>(target, "grouped");
    const { db } = database;
    after(() => database.close());
    await db.schema
      .createTable("parent")
      .addColumn("id", "text", (c) => c.primaryKey())
      .execute();
    await db.schema
      .createTable("child")
      .addColumn("id", "text", (c) => c.primaryKey())
      // Checked at commit, not at the insert: a way to make a commit fail.
      .addColumn("parent_id", "text", (c) =>
        c.notNull().references("parent.id").modifyEnd(sql`deferrable initially deferred`),
      )
      .execute();
    const grouped = commitGroup(database);
    const ids = async () =>
      (await db.selectFrom("parent").select("id").orderBy("id").execute()).map((r) => r.id);
    /** In one turn: a valid row, then a child whose parent is missing (refused at commit). */
    const parentThenOrphan = () =>
      Promise.allSettled([
        grouped(async (trx) => trx.insertInto("parent").values({ id: "kept" }).execute()),
        grouped(async (trx) =>
          trx.insertInto("child").values({ id: "orphan", parent_id: "missing" }).execute(),
        ),
      ]);
    beforeEach(async () => {
      await db.deleteFrom("child").execute();
      await db.deleteFrom("parent").execute();
    });

    it("runs a transaction on its own and gives its value", async () => {
      const value = await grouped(async (trx) => {
        await trx.insertInto("parent").values({ id: "alone" }).execute();
        return "done";
      });
      assert.equal(value, "done");
      assert.deepEqual(await ids(), ["alone"]);
    });

    it("rolls back a transaction that throws, whole, and tells only its caller", async () => {
      const thirdKey = target.label === "sqlite" ? "b1" : "c";
      const settled = await Promise.allSettled([
        grouped(async (trx) => {
          await trx.insertInto("parent").values({ id: "a" }).execute();
          return "a";
        }),
        grouped(async (trx) => {
          await trx.insertInto("parent").values({ id: "b1" }).execute();
          await trx.insertInto("parent").values({ id: "b2" }).execute();
          throw new Error("b refused");
        }),
        grouped(async (trx) => {
          // On SQLite, the same key as the failed one's first write: free again once it is rolled
          // back. PostgreSQL runs the two side by side, so which one takes a shared key is a race.
          await trx.insertInto("parent").values({ id: thirdKey }).execute();
          return "c";
        }),
      ]);
      assert.deepEqual(outcomes(settled), ["a", "b refused", "c"]);
      assert.deepEqual(await ids(), ["a", thirdKey]);
    });

    if (target.label === "postgres") {
      it("commits each transaction on its own: a failed commit fails only its own", async () => {
        const settled = await parentThenOrphan();
        assert.equal(settled[0]?.status, "fulfilled");
        assert.match(String((settled[1] as PromiseRejectedResult).reason), /foreign key/);
        assert.deepEqual(await ids(), ["kept"]);
      });
      return;
    }

    it("commits the transactions of one turn together: none is visible elsewhere before the last is done", async () => {
      const [{ file }] = (await sql<{ file: string }>`pragma database_list`.execute(db)).rows as [
        { file: string },
      ];
      const elsewhere = new SqliteDatabase(file, { readonly: true });
      try {
        const seenElsewhere = () =>
          (elsewhere.prepare("select id from parent order by id").all() as { id: string }[]).map((r) => r.id);
        const settled = await Promise.allSettled([
          grouped(async (trx) => {
            await trx.insertInto("parent").values({ id: "first" }).execute();
            return seenElsewhere();
          }),
          grouped(async (trx) => {
            // What the first wrote is already there for the second, not yet for another connection.
            const here = await trx.selectFrom("parent").select("id").execute();
            await trx.insertInto("parent").values({ id: "second" }).execute();
            return { here: here.map((r) => r.id), elsewhere: seenElsewhere() };
          }),
        ]);
        assert.deepEqual(outcomes(settled), [[], { here: ["first"], elsewhere: [] }]);
        assert.deepEqual(seenElsewhere(), ["first", "second"]);
      } finally {
        elsewhere.close();
      }
    });

    it("fails every transaction of the group when their commit fails, and keeps none of their writes", async () => {
      const settled = await parentThenOrphan();
      assert.deepEqual(
        settled.map((s) => s.status),
        ["rejected", "rejected"],
      );
      assert.match(String((settled[0] as PromiseRejectedResult).reason), /FOREIGN KEY/);
      assert.deepEqual(await ids(), []);
    });

    it("starts a new group for the transactions of a later turn", async () => {
      await grouped(async (trx) => trx.insertInto("parent").values({ id: "earlier" }).execute());
      const settled = await Promise.allSettled([
        grouped(async (trx) =>
          trx.insertInto("child").values({ id: "orphan", parent_id: "missing" }).execute(),
        ),
      ]);
      assert.equal(settled[0]?.status, "rejected");
      assert.deepEqual(await ids(), ["earlier"]);
    });
  });
}
