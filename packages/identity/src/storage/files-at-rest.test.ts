import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { loadIdentityConfig } from "../config";
import { startIdentity } from "../main";

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

/**
 * Accounts, codes, signing keys and the TLS key sit in the data directory: only the service's user
 * may read them, also when the directory was made by an older version with looser modes.
 */
describe("identity's files at rest", () => {
  it("keeps the data directory 0700 and the databases and keys 0600", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-files-"));
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, "identity.sqlite"), "", { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, "identity.sqlite"), 0o644);
    const config = loadIdentityConfig({
      SESAME_DATA_DIR: dataDir,
      SESAME_IDENTITY_PORT: "0",
      SESAME_SMTP_SINK_PORT: "0",
      SESAME_LOG_LEVEL: "silent",
    });
    const identity = await startIdentity(config, { listen: false });
    try {
      assert.equal(mode(dataDir), "700");
      const files = ["identity.sqlite", "identity.sqlite-wal", "identity.sqlite-shm", "keys.secret"];
      files.push(...["ca-key.pem", "server-key.pem"].map((f) => path.join("tls", f)));
      for (const file of files) assert.equal(mode(path.join(dataDir, file)), "600", file);
      assert.equal(mode(path.join(dataDir, "tls")), "700");
    } finally {
      await identity.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
