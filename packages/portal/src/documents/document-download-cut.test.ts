import assert from "node:assert/strict";
import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it, mock } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type RunningPortal, startPortal } from "../main";
import { loadPortalConfig } from "../service/portal-config";
import { storeDocument } from "./document-operations";
import { documentStorage } from "./document-storage";
import { adminSessionCookie, alterStored, seedDocumentWorld, tinyPdf } from "./document-test-support";
import { ensureFolders } from "./folder-operations";

/** A GET over real HTTPS, answered as far as it goes: its status, the bytes received, whether it ended. */
function download(url: string, cookie: string, onFirstBytes: () => void) {
  return new Promise<{ status: number; received: number; complete: boolean }>((resolve, reject) => {
    https
      .get(url, { headers: { cookie }, rejectUnauthorized: false }, (answer: IncomingMessage) => {
        let received = 0;
        const done = () => resolve({ status: answer.statusCode ?? 0, received, complete: answer.complete });
        answer.on("data", (chunk: Buffer) => {
          if (received === 0) onFirstBytes();
          received += chunk.length;
        });
        answer.on("end", done);
        answer.on("error", done);
        answer.on("aborted", done);
      })
      .on("error", reject);
  });
}

for (const target of await testTargets()) {
  describe(`a download whose stored bytes change while it is sent (${target.label}, disk)`, () => {
    let dataDir: string;
    let portal: RunningPortal;
    let here: string;
    let cookie: string;
    let documentId: string;
    let sha256: string;
    // Larger than what the server reads ahead before the client takes its first bytes.
    const content = Buffer.concat([tinyPdf(), Buffer.alloc(16 << 20, 5)]);

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-cut-"));
      const config = loadPortalConfig({
        SESAME_DATA_DIR: dataDir,
        DATABASE_URL: await target.freshUrl(),
        SESAME_PORTAL_PORT: "0",
        SESAME_LOG_LEVEL: "silent",
        SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
        SESAME_UPLOAD_MAX_MB: "32",
      });
      portal = await startPortal(config, { smtpSinkPort: 9 });
      const w = await seedDocumentWorld(portal.ctx);
      const scope = { firmId: w.firm.id, dossierId: w.dossierA };
      const folderId = (await ensureFolders(portal.ctx, scope))[0]?.id ?? "";
      const stored = await storeDocument(
        portal.ctx,
        scope,
        { name: "Anne Admin", ip: "127.0.0.1" },
        { folderId, name: "grand-livre.pdf", source: Readable.from([content]) },
      );
      assert.ok(stored.ok);
      documentId = stored.documentId;
      sha256 = stored.sha256;
      cookie = await adminSessionCookie(portal.ctx, w, "Anne Admin");
      here = `${portal.url}/YPN/dossiers/${w.dossierA}/documents`;
    });
    after(async () => {
      await portal.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("is cut before its end and logged, and the next download is refused with the clear message", async () => {
      const logged = mock.method(portal.ctx.logger, "error");
      const read = await download(`${here}/${documentId}/download`, cookie, () =>
        alterStored(documentStorage(portal.ctx.config).blobs.locate(sha256)),
      );
      assert.equal(read.status, 200, "the bytes were not known altered when the download began");
      assert.equal(read.complete, false, "the response did not end normally");
      assert.ok(read.received < content.length, `${read.received} of ${content.length} bytes received`);
      assert.ok(
        logged.mock.calls.some((call) => call.arguments.includes("stored document bytes altered")),
        "the alteration is logged",
      );
      const next = await download(`${here}/${documentId}/download`, cookie, () => {});
      assert.equal(next.status, 409);
      assert.equal(next.received < 2000, true, "a page, not the document");
    });
  });
}
