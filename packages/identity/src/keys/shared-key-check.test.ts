import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { loadIdentityConfig } from "../config";
import { openIdentityStorage } from "../main";

for (const target of await testTargets()) {
  describe(`instances sharing a database (${target.label})`, () => {
    it("refuses to start an instance whose key-encryption key cannot read the stored signing keys", async () => {
      const url = await target.freshUrl();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-kek-check-"));
      const configWith = (fill: number) =>
        loadIdentityConfig({
          SESAME_DATA_DIR: dataDir,
          DATABASE_URL: url,
          SESAME_LOG_LEVEL: "silent",
          SESAME_KEY_ENCRYPTION_KEY: Buffer.alloc(32, fill).toString("base64"),
        });
      const first = await openIdentityStorage(configWith(1));
      await first.database.close();
      await first.counters.close();
      await assert.rejects(openIdentityStorage(configWith(2)), (error: Error) => {
        assert.match(error.message, /SESAME_KEY_ENCRYPTION_KEY/);
        return true;
      });
      const again = await openIdentityStorage(configWith(1));
      await again.database.close();
      await again.counters.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
  });
}
