/**
 * Child process of the documents benchmark: the portal on HTTPS (SQLite, files on disk under the
 * data directory given as argument, so on the same disk as the bench's raw copy) with one firm,
 * one dossier and a staff session. Prints one JSON line with what the client needs.
 */
import path from "node:path";
import { adminSessionCookie, seedDocumentWorld } from "@sesame/portal/documents/document-test-support";
import { ensureFolders } from "@sesame/portal/documents/folder-operations";
import { startPortal } from "@sesame/portal/main";
import { loadPortalConfig } from "@sesame/portal/service/portal-config";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: document-portal-server.ts <data dir>");
const config = loadPortalConfig({
  SESAME_DATA_DIR: dataDir,
  DATABASE_URL: `sqlite:${path.join(dataDir, "db")}`,
  SESAME_PORTAL_PORT: "0",
  SESAME_LOG_LEVEL: "silent",
  SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
});
const portal = await startPortal(config, { smtpSinkPort: 9 });
const w = await seedDocumentWorld(portal.ctx);
const cookie = await adminSessionCookie(portal.ctx, w, "bench");
// The dossier's folders, as its first page visit makes them.
const folder = (await ensureFolders(portal.ctx, { firmId: w.firm.id, dossierId: w.dossierA }))[0]?.id;
process.stdout.write(
  `${JSON.stringify({
    documents: `${portal.url}/YPN/dossiers/${w.dossierA}/documents`,
    cookie,
    folder,
    caFile: path.join(dataDir, "tls", "ca.pem"),
  })}\n`,
);
process.on("SIGTERM", async () => {
  await portal.close();
  process.exit(0);
});
