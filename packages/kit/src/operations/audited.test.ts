import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database";
import { openTestDatabase, testTargets } from "../db/test-databases";
import { type AuditEntry, audited } from "./audited";

interface Db {
  thing: { id: string };
  trail: { actor: string; scope: string; action: string; target: string };
}

const writeAudit = async (trx: Kysely<Db>, actor: string, entry: AuditEntry) => {
  await trx
    .insertInto("trail")
    .values({ actor, scope: entry.scope, action: entry.action, target: entry.target })
    .execute();
};

for (const target of await testTargets()) {
  describe(`audited operations (${target.label})`, () => {
    let database: Database<Db>;
    after(() => database?.close());

    async function open(): Promise<Kysely<Db>> {
      database ??= await openTestDatabase<Db>(target, "audited");
      await sql`create table if not exists thing (id text primary key)`.execute(database.db);
      await sql`create table if not exists trail (actor text, scope text, action text, target text)`.execute(
        database.db,
      );
      return database.db;
    }

    it("a change commits with its audit entries", async () => {
      const db = await open();
      const result = await audited({ db, writeAudit }, "alice", async (trx) => {
        await trx.insertInto("thing").values({ id: "a" }).execute();
        return { result: 42, audit: [{ scope: "t1", action: "thing.create", target: "a" }] };
      });
      assert.equal(result, 42);
      const trail = await db.selectFrom("trail").selectAll().where("target", "=", "a").execute();
      assert.deepEqual(trail, [{ actor: "alice", scope: "t1", action: "thing.create", target: "a" }]);
    });

    it("a change that fails leaves neither the change nor an entry", async () => {
      const db = await open();
      await assert.rejects(
        audited({ db, writeAudit }, "bob", async (trx) => {
          await trx.insertInto("thing").values({ id: "b" }).execute();
          throw new Error("refused");
        }),
        /refused/,
      );
      assert.equal((await db.selectFrom("thing").selectAll().where("id", "=", "b").execute()).length, 0);
      assert.equal((await db.selectFrom("trail").selectAll().where("target", "=", "b").execute()).length, 0);
    });

    it("a failing audit write rolls the change back", async () => {
      const db = await open();
      const failingAudit = async () => {
        throw new Error("audit store down");
      };
      await assert.rejects(
        audited({ db, writeAudit: failingAudit }, "carol", async (trx) => {
          await trx.insertInto("thing").values({ id: "c" }).execute();
          return { result: undefined, audit: { scope: "t1", action: "thing.create", target: "c" } };
        }),
        /audit store down/,
      );
      assert.equal((await db.selectFrom("thing").selectAll().where("id", "=", "c").execute()).length, 0);
    });
  });
}
