import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { openDatabase } from "./open-database";

/** PRAGMA synchronous answers a number: 1 is NORMAL, 2 is FULL. */
const levels = { normal: 1, full: 2 } as const;

/**
 * The product's reliability bar: kill -9 under load loses no acknowledged write. In WAL mode that holds with
 * synchronous = NORMAL (the default) as with FULL: a committed transaction is in the WAL file, in
 * the OS's hands, before the commit returns; only an OS crash or a power cut could lose it.
 */
describe("SQLite durability across kill -9", () => {
  for (const setting of ["normal", "full"] as const) {
    it(`keeps every acknowledged commit of a writer killed right after an acknowledgement (${setting})`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-durability-"));
      const file = path.join(dir, "writer.sqlite");
      try {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", path.join(import.meta.dirname, "killed-writer-test-support.ts")],
          {
            stdio: ["ignore", "pipe", "inherit"],
            env: { ...process.env, WRITER_DB_URL: `sqlite:${file}`, SQLITE_SYNCHRONOUS: setting },
          },
        );
        const exited = new Promise((resolve) => child.once("exit", resolve));
        let level = Number.NaN;
        let acknowledged = 0;
        for await (const line of readline.createInterface({ input: child.stdout })) {
          if (line.startsWith("synchronous ")) level = Number(line.slice("synchronous ".length));
          if (!line.startsWith("ack ")) continue;
          acknowledged = Number(line.slice("ack ".length));
          // Killed at once, while it is already writing the next row: no clean close, no checkpoint.
          if (acknowledged >= 200) {
            child.kill("SIGKILL");
            break;
          }
        }
        await exited;
        assert.equal(level, levels[setting], "the writer runs with the synchronous level asked for");
        assert.equal(acknowledged, 200);
        assert.ok(fs.existsSync(`${file}-wal`), "the writes were in the WAL when it died");
        const reopened = new SqliteDatabase(file, { readonly: true });
        try {
          const rows = reopened
            .prepare("select n from acknowledged where n <= ? order by n")
            .all(acknowledged);
          assert.equal(rows.length, acknowledged, "every acknowledged row is there after kill -9");
        } finally {
          reopened.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("runs with NORMAL unless FULL is asked for", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-synchronous-"));
    try {
      for (const [asked, level] of [
        [undefined, levels.normal],
        ["normal", levels.normal],
        ["full", levels.full],
      ] as const) {
        const database = await openDatabase({
          url: `sqlite:${path.join(dir, `${asked ?? "default"}.sqlite`)}`,
          dataDir: dir,
          name: "levels",
          ...(asked ? { sqliteSynchronous: asked } : {}),
        });
        try {
          // The level belongs to the connection: read through the service's own one.
          const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db);
          assert.equal(rows[0]?.synchronous, level, `asked ${asked ?? "nothing"}`);
        } finally {
          await database.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps 32 MiB of pages per connection, not SQLite's 2 MiB (the portal's larger pages read more)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-cache-"));
    try {
      const database = await openDatabase({ url: `sqlite:${dir}`, dataDir: dir, name: "cache" });
      try {
        const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db);
        assert.equal(rows[0]?.cache_size, -32 * 1024);
      } finally {
        await database.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
