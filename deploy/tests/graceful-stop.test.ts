/**
 * SIGTERM on a built server: requests already in flight are answered, new connections are refused,
 * and the process exits 0 after closing its pools.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { freePort } from "@sesame/kit/testing/free-port";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import { Pool } from "undici";
import { spawnBuilt, untilReady } from "./built-process";

describe("a built server stopped with SIGTERM", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-stop-"));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("answers the requests in flight, then exits 0", async () => {
    const tls = await ensureTlsMaterial(dataDir, "localhost");
    const port = await freePort();
    const server = spawnBuilt("identity", [], {
      SESAME_DATA_DIR: dataDir,
      SESAME_IDENTITY_PORT: String(port),
      SESAME_SMTP_SINK_PORT: "0",
      SESAME_LOG_LEVEL: "warn",
      SESAME_SHUTDOWN_TIMEOUT_SECONDS: "5",
    });
    await untilReady(server, "identity");
    const pool = new Pool(`https://localhost:${port}`, { connect: { ca: tls.ca }, connections: 20 });
    try {
      // Twenty clients on open connections, each sending a request just before the stop.
      const send = async () => {
        const response = await pool.request({
          method: "POST",
          path: "/common/GetCredentialType",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ Username: "someone@outlook.fr" }),
        });
        await response.body.dump();
        return response.statusCode;
      };
      await Promise.all(Array.from({ length: 20 }, send));
      const inFlight = Array.from({ length: 20 }, send);
      await new Promise((resolve) => setTimeout(resolve, 20));
      server.child.kill("SIGTERM");
      const statuses = await Promise.all(inFlight);
      assert.deepEqual(
        statuses.filter((s) => s !== 200 && s !== 503),
        [],
        "every request sent before the stop is answered",
      );
      assert.equal(await server.exited, 0, server.stderr());
    } finally {
      await pool.close();
    }
  });
});
