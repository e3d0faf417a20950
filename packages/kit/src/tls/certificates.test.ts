import assert from "node:assert/strict";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ensureTlsMaterial } from "./certificates";

describe("local certificate authority", () => {
  it("is created once, reused on the next start, and makes a certificate Node trusts with the CA", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-tls-"));
    const first = await ensureTlsMaterial(dir, "localhost");
    const second = await ensureTlsMaterial(dir, "localhost");
    assert.equal(first.ca, second.ca);
    assert.equal(first.cert, second.cert);
    assert.equal(first.caFile, path.join(dir, "tls", "ca.pem"));

    const server = https.createServer({ cert: first.cert, key: first.key }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get({ host: "127.0.0.1", servername: "localhost", port, path: "/", ca: first.ca }, (res) => {
            let data = "";
            res.on("data", (c) => (data += c));
            res.on("end", () => resolve(data));
          })
          .on("error", reject);
      });
      assert.equal(body, "ok");
    } finally {
      server.close();
    }
  });
});
