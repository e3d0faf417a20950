/**
 * A writer in a process of its own, for the kill -9 test (sqlite-durability.test.ts): opens the
 * SQLite file WRITER_DB_URL as a service does (SQLITE_SYNCHRONOUS as given), prints the
 * synchronous level SQLite runs with, then inserts rows one commit at a time and prints
 * "ack <n>" after each commit returns, as a server answers once its write is committed, until
 * it is killed.
 */
import os from "node:os";
import { sql } from "kysely";
import { openDatabase } from "./open-database";

interface Tables {
  acknowledged: { n: number };
}

const synchronous = process.env.SQLITE_SYNCHRONOUS === "full" ? "full" : "normal";
const database = await openDatabase<Tables>({
  url: process.env.WRITER_DB_URL,
  dataDir: os.tmpdir(),
  name: "writer",
  sqliteSynchronous: synchronous,
});
const { db } = database;
await db.schema
  .createTable("acknowledged")
  .ifNotExists()
  .addColumn("n", "integer", (c) => c.primaryKey())
  .execute();
const level = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
process.stdout.write(`synchronous ${level.rows[0]?.synchronous}\n`);
for (let n = 1; ; n++) {
  await db.transaction().execute((trx) => trx.insertInto("acknowledged").values({ n }).execute());
  process.stdout.write(`ack ${n}\n`);
}
