import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { runCli } from "../cli";
import { loadIdentityConfig } from "../config";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { type RunningIdentity, startIdentity } from "../main";

describe("sesame backup <directory>", () => {
  let dir: string;
  let identity: RunningIdentity;
  const env = () => ({ SESAME_DATA_DIR: dir, SESAME_LOG_LEVEL: "silent", SESAME_IDENTITY_PORT: "0" });
  const run = async (argv: string[], extra: Record<string, string> = {}) => {
    let printed = "";
    const code = await runCli(argv, loadIdentityConfig({ ...env(), ...extra }), (t) => {
      printed += t;
    });
    return { code, printed };
  };
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-backup-"));
    identity = await startIdentity(loadIdentityConfig({ ...env(), SESAME_SMTP_SINK_PORT: "0" }), {
      listen: false,
    });
    await seedIdentityDemo(identity.ctx);
  });
  after(async () => {
    await identity.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies the live database, private to its owner, with every committed account", async () => {
    const target = path.join(dir, "backups", "today");
    const { code, printed } = await run(["backup", target]);
    assert.equal(code, 0, printed);
    const copy = path.join(target, "identity.sqlite");
    assert.equal(fs.statSync(copy).mode & 0o777, 0o600);
    const db = new SqliteDatabase(copy, { readonly: true });
    try {
      const row = db.prepare("select email from account where email = ?").get(demoPersonalAccount.email);
      assert.deepEqual(row, { email: demoPersonalAccount.email });
    } finally {
      db.close();
    }
    const again = await run(["backup", target]);
    assert.equal(again.code, 2);
    assert.match(again.printed, /exists already/);
  });

  it("sends PostgreSQL to pg_dump in one line", async () => {
    const { code, printed } = await run(["backup", path.join(dir, "pg")], {
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/none",
    });
    assert.equal(code, 2);
    assert.match(printed, /^error: DATABASE_URL is PostgreSQL: back it up with pg_dump/);
  });
});
