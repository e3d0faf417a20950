import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { openTestDatabase, testTargets } from "@sesame/kit/db/test-databases";
import { importJWK, jwtVerify } from "jose";
import type { Kysely } from "kysely";
import { loadIdentityConfig } from "../config";
import { identityMigrations } from "../migrations";
import type { IdentityDB } from "../storage/schema";
import { decryptKey, encryptKey, keyEncryptionKey } from "./key-encryption";
import { publishedKeys, rotateSigningKey } from "./signing-keys";
import { TokenSigner } from "./token-signer";

describe("key encryption at rest", () => {
  it("creates keys.secret once, readable by its owner only, when no key is configured", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-kek-"));
    const config = loadIdentityConfig({ SESAME_DATA_DIR: dir });
    const first = keyEncryptionKey(config);
    assert.equal(first.length, 32);
    assert.equal(fs.statSync(path.join(dir, "keys.secret")).mode & 0o777, 0o600);
    assert.deepEqual(keyEncryptionKey(config), first);
    const configured = Buffer.alloc(32, 7).toString("base64");
    assert.deepEqual(
      keyEncryptionKey(loadIdentityConfig({ SESAME_DATA_DIR: dir, SESAME_KEY_ENCRYPTION_KEY: configured })),
      Buffer.alloc(32, 7),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a configured key that is not 32 bytes", () => {
    assert.throws(() => loadIdentityConfig({ SESAME_KEY_ENCRYPTION_KEY: "c2hvcnQ=" }), /32 bytes/);
  });

  it("cannot decrypt with another key or under another kid", () => {
    const kek = Buffer.alloc(32, 1);
    const sealed = encryptKey(kek, Buffer.from("private"), "kid-1");
    assert.equal(decryptKey(kek, sealed, "kid-1").toString(), "private");
    assert.throws(() => decryptKey(Buffer.alloc(32, 2), sealed, "kid-1"));
    assert.throws(() => decryptKey(kek, sealed, "kid-2"));
  });
});

for (const target of await testTargets()) {
  describe(`signing keys and rotation (${target.label})`, () => {
    let db: Kysely<IdentityDB>;
    let close: () => Promise<void>;
    const kek = Buffer.alloc(32, 9);
    before(async () => {
      const database = await openTestDatabase<IdentityDB>(target, "identity");
      await migrateToLatest(database.db as Kysely<unknown>, identityMigrations);
      db = database.db;
      close = () => database.close();
    });
    after(() => close());

    it("stores no private key in clear, and a new instance signs with the newest key after a rotation", async () => {
      const signer = new TokenSigner(db, kek);
      const before = await signer.sign({ aud: "a" });
      const rows = await db.selectFrom("signing_key").selectAll().execute();
      assert.equal(rows.length, 1);
      assert.ok(!rows[0]?.private_key.includes("BEGIN"));
      assert.match(rows[0]?.private_key ?? "", /^v1\./);
      const newKid = await rotateSigningKey(db, kek);
      const other = new TokenSigner(db, kek);
      const after = await other.sign({ aud: "a" });
      const keys = await publishedKeys(db);
      assert.equal(keys.length, 2, "the old key stays published");
      for (const jwt of [before, after]) {
        const header = JSON.parse(Buffer.from(jwt.split(".")[0] ?? "", "base64url").toString());
        const key = keys.find((k) => k.kid === header.kid);
        assert.ok(key);
        await jwtVerify(jwt, await importJWK({ kty: "RSA", n: key.n, e: key.e }, "RS256"));
      }
      assert.equal(JSON.parse(Buffer.from(after.split(".")[0] ?? "", "base64url").toString()).kid, newKid);
      signer.invalidate();
      const refreshed = await signer.sign({ aud: "a" }, { x5t: true });
      const header = JSON.parse(Buffer.from(refreshed.split(".")[0] ?? "", "base64url").toString());
      assert.deepEqual(header, { typ: "JWT", alg: "RS256", x5t: newKid, kid: newKid });
    });

    it("stops publishing a retired key once its tokens have expired", async () => {
      await db
        .updateTable("signing_key")
        .set({ published_until: Date.now() - 1 })
        .where("retired_at", "is not", null)
        .execute();
      assert.equal((await publishedKeys(db)).length, 1);
    });
  });
}
