import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { addStaff, PortalBrowser, type PortalHarness, startTestPortal } from "../testing/portal-harness";
import { startTestS3, type TestS3 } from "../testing/s3-server";
import { listDocuments } from "./document-queries";
import { type DocumentWorld, seedDocumentWorld, tinyPdf, uploadToken } from "./document-test-support";
import { ensureFolders } from "./folder-operations";
import { tusCleanupHandler } from "./tus-cleanup";

/** A PDF of about `size` bytes: a real header, padding after it (file-type reads the start). */
const bigPdf = (size: number) => Buffer.concat([tinyPdf("Grand livre"), Buffer.alloc(size, 0x20)]);
const b64 = (s: string) => Buffer.from(s).toString("base64");

for (const target of await testTargets()) {
  for (const store of ["disk", "s3"] as const) {
    describe(`tus resumable uploads (${target.label}, ${store})`, () => {
      let h: PortalHarness;
      let s3: TestS3 | undefined;
      let w: DocumentWorld;
      let folderA: string;
      let folderB: string;
      const docs = (dossier: string, firm = "YPN") => `/${firm}/dossiers/${dossier}/documents`;
      const tusDir = () => path.join(h.ctx.config.SESAME_DATA_DIR, "documents", "tus");

      const browserOf = async (who: "admin" | "uploaderA" | "readerA" | "otherAdmin", page: string) => {
        const b = new PortalBrowser(h);
        if (who === "admin" || who === "otherAdmin") await b.signInAs(w[who]);
        else await b.signInContact(w[who], w.firm.id);
        await b.get(page);
        return b;
      };
      const tus = (
        b: PortalBrowser,
        method: "POST" | "HEAD" | "PATCH" | "DELETE",
        url: string,
        headers: Record<string, string> = {},
        payload?: Buffer,
      ) =>
        h.app.inject({
          method,
          url,
          headers: {
            "tus-resumable": "1.0.0",
            cookie: b.cookieHeader,
            "x-csrf-token": uploadToken(b),
            ...headers,
          },
          ...(payload ? { payload } : {}),
        });
      const create = (
        b: PortalBrowser,
        dossier: string,
        folder: string,
        length: number,
        name = "grand-livre.pdf",
      ) =>
        tus(b, "POST", `${docs(dossier)}/tus?folder=${folder}`, {
          "upload-length": String(length),
          "upload-metadata": `filename ${b64(name)},filetype ${b64("application/pdf")}`,
        });
      const patch = (b: PortalBrowser, location: string, offset: number, bytes: Buffer) =>
        tus(
          b,
          "PATCH",
          location,
          { "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
          bytes,
        );

      before(async () => {
        s3 = store === "s3" ? await startTestS3() : undefined;
        h = await startTestPortal(target, { env: { SESAME_UPLOAD_MAX_MB: "1", ...s3?.env } });
        w = await seedDocumentWorld(h.ctx);
        folderA = (await ensureFolders(h.ctx, { firmId: w.firm.id, dossierId: w.dossierA }))[0]?.id ?? "";
        folderB = (await ensureFolders(h.ctx, { firmId: w.firm.id, dossierId: w.dossierB }))[0]?.id ?? "";
      });
      after(async () => {
        await h.close();
        await s3?.close();
      });

      it("an upload cut mid-way shows nothing, resumes from its offset and becomes a document", async () => {
        const b = await browserOf("uploaderA", docs(w.dossierA));
        const content = bigPdf(600_000);
        const created = await create(b, w.dossierA, folderA, content.length);
        assert.equal(created.statusCode, 201, created.body);
        const location = String(created.headers.location);
        assert.match(location, new RegExp(`^${docs(w.dossierA)}/tus/[0-9a-f]{32}$`));
        assert.equal((await patch(b, location, 0, content.subarray(0, 250_000))).statusCode, 204);
        // The connection is gone: the page sees no document, only the server keeps the bytes.
        const scope = { firmId: w.firm.id, dossierId: w.dossierA };
        assert.equal((await listDocuments(h.ctx.db, scope, false)).length, 0);
        assert.doesNotMatch((await b.get(docs(w.dossierA))).body, /grand-livre/);
        const head = await tus(b, "HEAD", location);
        assert.equal(head.statusCode, 200);
        assert.equal(head.headers["upload-offset"], "250000");
        const done = await patch(b, location, 250_000, content.subarray(250_000));
        assert.equal(done.statusCode, 204, done.body);
        const id = String(done.headers["x-document-id"]);
        const download = await b.get(`${docs(w.dossierA)}/${id}/download`);
        assert.equal(download.statusCode, 200);
        assert.ok(download.rawPayload.equals(content), "the same bytes, checked against their SHA-256");
        const staff = await browserOf("admin", docs(w.dossierA));
        assert.match(staff.html, /claire@client-a\.example[^<]*(déposé|a déposé)[^<]*grand-livre\.pdf/);
        assert.equal(
          fs.readdirSync(tusDir()).filter((f) => !f.endsWith(".json")).length,
          0,
          "partial removed",
        );
        // The same name again is the next version, as with the form.
        const again = await create(b, w.dossierA, folderA, content.length);
        const v2 = await patch(b, String(again.headers.location), 0, content);
        assert.equal(v2.headers["x-document-version"], "2");
      });

      it("refuses by content type and size, in French, leaving nothing", async () => {
        const b = await browserOf("uploaderA", docs(w.dossierA));
        const tooBig = await create(b, w.dossierA, folderA, 1024 * 1024 + 1);
        assert.equal(tooBig.statusCode, 413);
        const fake = Buffer.from("MZ not a pdf at all, an executable pretending");
        const created = await create(b, w.dossierA, folderA, fake.length, "facture.pdf");
        const sent = await patch(b, String(created.headers.location), 0, fake);
        assert.equal(sent.statusCode, 422);
        assert.match(sent.body, /n'est pas accepté|pas accepté/);
        const scope = { firmId: w.firm.id, dossierId: w.dossierA };
        assert.ok(!(await listDocuments(h.ctx.db, scope, false)).some((d) => d.name === "facture.pdf"));
      });

      it("needs the upload right on that dossier, the token, and answers 404 for anyone else's upload", async () => {
        const owner = await browserOf("uploaderA", docs(w.dossierA));
        const content = bigPdf(10_000);
        const created = await create(owner, w.dossierA, folderA, content.length, "privé.pdf");
        const location = String(created.headers.location);
        const id = location.split("/").pop() ?? "";

        const reader = await browserOf("readerA", docs(w.dossierB));
        assert.equal((await create(reader, w.dossierA, folderA, 10)).statusCode, 403, "read right only");
        assert.equal((await create(reader, w.dossierB, folderA, 10)).statusCode, 404, "A's folder in B");
        assert.equal(
          (await create(reader, w.dossierB, folderB, 10)).statusCode,
          201,
          "where the right is given",
        );
        // Someone else's upload id, through A (no upload right) or through B (where they may upload).
        assert.equal((await tus(reader, "HEAD", `${docs(w.dossierB)}/tus/${id}`)).statusCode, 404);
        assert.equal((await patch(reader, `${docs(w.dossierB)}/tus/${id}`, 0, content)).statusCode, 404);
        const staff = await browserOf("admin", docs(w.dossierA));
        assert.equal((await tus(staff, "HEAD", location)).statusCode, 404, "another person's upload");
        assert.equal((await tus(staff, "DELETE", location)).statusCode, 404);
        const other = await browserOf("otherAdmin", docs(w.otherDossier, "AUTRE"));
        assert.equal((await tus(other, "HEAD", location.replace("/YPN/", "/AUTRE/"))).statusCode, 404);
        const accountant = new PortalBrowser(h);
        await accountant.signInAs(await addStaff(h.ctx, w.firm, "accountant", `c-${store}@ypn.example`));
        assert.equal((await tus(accountant, "HEAD", location)).statusCode, 404, "not in their charge");
        const unknown = `${docs(w.dossierA)}/tus/${"0".repeat(32)}`;
        assert.equal((await tus(owner, "HEAD", unknown)).statusCode, 404);
        const withToken = await patch(owner, location, 0, content);
        assert.equal(withToken.statusCode, 204, "the owner finishes it");
        // Without the page's token: refused before any byte is written.
        const second = await create(owner, w.dossierA, folderA, content.length, "second.pdf");
        const forged = await h.app.inject({
          method: "PATCH",
          url: String(second.headers.location),
          headers: {
            "tus-resumable": "1.0.0",
            cookie: owner.cookieHeader,
            "upload-offset": "0",
            "content-type": "application/offset+octet-stream",
          },
          payload: content,
        });
        assert.equal(forged.statusCode, 403);
        const anonymous = new PortalBrowser(h);
        assert.equal((await tus(anonymous, "HEAD", location)).statusCode, 403);
      });

      it("stale partial uploads are removed by the cleanup job", async () => {
        const b = await browserOf("uploaderA", docs(w.dossierA));
        const created = await create(b, w.dossierA, folderA, 50_000, "abandon.pdf");
        const location = String(created.headers.location);
        const id = location.split("/").pop() ?? "";
        await patch(b, location, 0, bigPdf(50_000).subarray(0, 20_000));
        const info = path.join(tusDir(), `${id}.json`);
        const meta = JSON.parse(fs.readFileSync(info, "utf8"));
        meta.creation_date = new Date(Date.now() - 25 * 3600_000).toISOString();
        fs.writeFileSync(info, JSON.stringify(meta));
        await tusCleanupHandler(h.ctx)(h.ctx.db, {
          id: "t",
          kind: "x",
          payload: null,
          now: Date.now(),
          attempts: 1,
        } as never);
        assert.equal(fs.existsSync(path.join(tusDir(), id)), false);
        assert.equal((await tus(b, "HEAD", location)).statusCode, 404);
      });
    });
  }
}
