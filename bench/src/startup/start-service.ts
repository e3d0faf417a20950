/**
 * Child process of the start-up benchmark: starts one service on the given data directory (SQLite,
 * any free port) and prints one JSON line once it answers, with the milliseconds since the process
 * began. `reference` is the floor to compare with: a bare Fastify HTTPS server, loaded the same way.
 */
import { loadIdentityConfig } from "@sesame/identity/config";
import { startIdentity } from "@sesame/identity/main";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import { loadPortalConfig } from "@sesame/portal/config";
import { startPortal } from "@sesame/portal/main";
import Fastify from "fastify";

const [service, dataDir = ""] = process.argv.slice(2);
const common = { SESAME_DATA_DIR: dataDir, SESAME_LOG_LEVEL: "silent" };
let close: () => Promise<void>;
if (service === "identity") {
  const identity = await startIdentity(
    loadIdentityConfig({ ...common, SESAME_IDENTITY_PORT: "0", SESAME_SMTP_SINK_PORT: "0" }),
  );
  close = identity.close;
} else if (service === "portal") {
  const portal = await startPortal(
    loadPortalConfig({
      ...common,
      SESAME_PORTAL_PORT: "0",
      SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
    }),
    { smtpSinkPort: 9 },
  );
  close = portal.close;
} else {
  const tls = await ensureTlsMaterial(dataDir, "localhost");
  const app = Fastify({ https: { cert: tls.cert, key: tls.key } });
  app.get("/healthz", async () => ({ status: "ok" }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  close = () => app.close();
}
const readyMs = process.uptime() * 1000;
// The heap the service keeps once started: collected first, so garbage of the start does not count.
(globalThis as { gc?: () => void }).gc?.();
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
process.stdout.write(`${JSON.stringify({ readyMs, heapMiB })}\n`);
process.on("SIGTERM", async () => {
  await close();
  process.exit(0);
});
