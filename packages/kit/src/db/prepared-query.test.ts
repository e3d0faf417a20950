import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Generated } from "kysely";
import { preparedPerDatabase, preparedQuery } from "./prepared-query";
import { openTestDatabase, testTargets } from "./test-databases";

interface Tables {
  grant_row: { id: Generated<number>; client: string; tenant: string; role: string; weight: number };
}

for (const target of await testTargets()) {
  describe(`prepared queries (${target.label})`, async () => {
    const database = await openTestDatabase<Tables>(target, "prepared");
    const { db } = database;
    after(() => database.close());
    await db.schema
      .createTable("grant_row")
      .addColumn("id", target.label === "sqlite" ? "integer" : "serial", (c) => c.primaryKey())
      .addColumn("client", "text", (c) => c.notNull())
      .addColumn("tenant", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("weight", "integer", (c) => c.notNull())
      .execute();
    await db
      .insertInto("grant_row")
      .values([
        { client: "a", tenant: "t1", role: "Read", weight: 1 },
        { client: "a", tenant: "t1", role: "Write", weight: 5 },
        { client: "a", tenant: "t2", role: "Read", weight: 1 },
        { client: "b", tenant: "t1", role: "Admin", weight: 9 },
      ])
      .execute();
    const roles = preparedQuery<Tables, { client: string; tenant: string; least: number }, { role: string }>(
      db,
      (param) =>
        db
          .selectFrom("grant_row")
          .select("role")
          .where("client", "=", param("client"))
          .where("tenant", "=", param("tenant"))
          .where("weight", ">=", param("least"))
          .where("role", "!=", "Hidden")
          .orderBy("role"),
    );

    it("gives each run's values to the query compiled once, beside the fixed ones", async () => {
      assert.deepEqual(await roles({ client: "a", tenant: "t1", least: 0 }), [
        { role: "Read" },
        { role: "Write" },
      ]);
      assert.deepEqual(await roles({ client: "a", tenant: "t1", least: 2 }), [{ role: "Write" }]);
      assert.deepEqual(await roles({ client: "b", tenant: "t1", least: 0 }), [{ role: "Admin" }]);
      assert.deepEqual(await roles({ client: "a", tenant: "t3", least: 0 }), []);
    });

    it("sees rows written after it was compiled", async () => {
      await db.deleteFrom("grant_row").where("role", "=", "Write").execute();
      assert.deepEqual(await roles({ client: "a", tenant: "t1", least: 0 }), [{ role: "Read" }]);
    });

    it("treats a value that looks like SQL as a value", async () => {
      assert.deepEqual(await roles({ client: "a' or '1'='1", tenant: "t1", least: 0 }), []);
    });

    it("runs a per-database statement on its database or in a transaction of it, which sees its own writes", async () => {
      const clients = preparedPerDatabase<Tables, { tenant: string }, { client: string }>((on, param) =>
        on.selectFrom("grant_row").select("client").where("tenant", "=", param("tenant")).orderBy("client"),
      );
      const reweigh = preparedPerDatabase<Tables, { client: string; weight: number }, never>((on, param) =>
        on
          .updateTable("grant_row")
          .set({ weight: param("weight") })
          .where("client", "=", param("client")),
      );
      assert.deepEqual((await clients(db, { tenant: "t2" })).rows, [{ client: "a" }]);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("grant_row")
          .values({ client: "c", tenant: "t2", role: "Read", weight: 1 })
          .execute();
        assert.deepEqual((await clients(db, { tenant: "t2" }, trx)).rows, [{ client: "a" }, { client: "c" }]);
        const updated = await reweigh(db, { client: "c", weight: 7 }, trx);
        assert.equal(Number(updated.numAffectedRows), 1);
        await trx.deleteFrom("grant_row").where("client", "=", "c").execute();
      });
      assert.deepEqual((await clients(db, { tenant: "t2" })).rows, [{ client: "a" }]);
      assert.equal(Number((await reweigh(db, { client: "nobody", weight: 1 })).numAffectedRows), 0);
    });
  });
}
