import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { PortalBrowser, type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";
import { startTestS3, type TestS3 } from "../testing/s3-server";
import { rowCount } from "../testing/store-checks";
import { foldersOf } from "./document-queries";
import { documentStorage } from "./document-storage";
import {
  alterStored,
  type DocumentWorld,
  seedDocumentWorld,
  tinyPdf,
  tinyPng,
  upload,
  uploadToken,
} from "./document-test-support";

for (const target of await testTargets()) {
  for (const blobs of ["disk", "s3"] as const) {
    describe(`documents over HTTP (${target.label}, ${blobs})`, () => {
      let h: PortalHarness;
      let s3: TestS3 | undefined;
      let w: DocumentWorld;
      let staff: PortalBrowser;
      let folders: { id: string; name: string }[];
      let here: string;
      const send = async (files: { name: string; content: Buffer }[], folder = folders[0]?.id ?? "") => {
        await staff.get(here);
        return upload(h.app, staff, here, folder, files, uploadToken(staff));
      };

      before(async () => {
        s3 = blobs === "s3" ? await startTestS3() : undefined;
        h = await startTestPortal(target, { env: { SESAME_UPLOAD_MAX_MB: "1", ...s3?.env } });
        w = await seedDocumentWorld(h.ctx);
        staff = new PortalBrowser(h);
        await staff.signInAs(w.admin);
        here = `/YPN/dossiers/${w.dossierA}/documents`;
        const page = await staff.get(here);
        assert.equal(page.statusCode, 200);
        folders = await foldersOf(h.ctx.db, { firmId: w.firm.id, dossierId: w.dossierA });
      });
      after(async () => {
        await h.close();
        await s3?.close();
      });

      it("a dossier opens with the firm's default folders", () => {
        assert.deepEqual(
          folders.map((f) => f.name),
          ["Pièces comptables", "Fiscal", "Social", "Juridique"],
        );
      });

      it("several files in one upload are each stored, listed and marked not scanned", async () => {
        const sent = await send([
          { name: "bilan.pdf", content: tinyPdf() },
          { name: "ticket.png", content: tinyPng },
        ]);
        assert.equal(sent.statusCode, 201, sent.body);
        assert.deepEqual(
          sent.json().files.map((f: { name: string; ok: boolean; scan: string }) => [f.name, f.ok, f.scan]),
          [
            ["bilan.pdf", true, "not_scanned"],
            ["ticket.png", true, "not_scanned"],
          ],
        );
        const text = pageText((await staff.get(here)).body);
        assert.match(text, /bilan\.pdf · v1/);
        assert.match(text, /ticket\.png · v1/);
        assert.match(text, /Non analysé/);
      });

      it("the same name again is a new version; earlier ones stay downloadable", async () => {
        const v2 = tinyPdf("Bilan 2025 corrige");
        const sent = await send([{ name: "Bilan.pdf", content: v2 }]);
        assert.equal(sent.statusCode, 201, sent.body);
        assert.equal(sent.json().files[0].version, 2);
        const id = sent.json().files[0].id;
        assert.ok((await staff.get(`${here}/${id}/download`)).rawPayload.equals(v2));
        const first = await staff.get(`${here}/${id}/download?v=1`);
        assert.ok(first.rawPayload.equals(tinyPdf()));
        assert.match(String(first.headers["content-disposition"]), /^attachment; filename="bilan.pdf"/);
        const preview = await staff.get(`${here}/${id}/preview`);
        assert.equal(preview.headers["content-type"], "application/pdf");
        assert.match(String(preview.headers["content-disposition"]), /^inline/);
        assert.match(pageText((await staff.get(here)).body), /Versions précédentes v1/);
      });

      it("a type the firm does not accept is refused by its content, whatever its name", async () => {
        const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(400, 0x90)]);
        const before = await rowCount(h.ctx.db, "document");
        const sent = await send([{ name: "facture.pdf", content: exe }]);
        assert.equal(sent.statusCode, 422);
        assert.match(sent.json().files[0].error, /n'est pas accepté par le cabinet/);
        assert.equal(await rowCount(h.ctx.db, "document"), before);
      });

      it("a file over the size limit is refused and nothing of it is kept; the form's next file is stored", async () => {
        const before = await rowCount(h.ctx.db, "document_version");
        const big = Buffer.concat([tinyPdf(), Buffer.alloc(1024 * 1024 + 10, 32)]);
        const sent = await send([
          { name: "gros.pdf", content: big },
          { name: "apres.pdf", content: tinyPdf("apres") },
        ]);
        assert.equal(sent.statusCode, 413);
        const [refused, next] = sent.json().files;
        assert.match(refused.error, /taille maximale/);
        assert.deepEqual([next.name, next.ok], ["apres.pdf", true]);
        assert.equal(await rowCount(h.ctx.db, "document_version"), before + 1);
        assert.deepEqual(fs.readdirSync(documentStorage(h.ctx.config).stagingDir), []);
      });

      it("stored bytes altered behind the portal's back are refused on read with a clear message", async () => {
        const content = tinyPdf("Compte de resultat");
        const sent = await send([{ name: "resultat.pdf", content }]);
        const id = sent.json().files[0].id;
        alterStored(documentStorage(h.ctx.config).blobs.locate(sent.json().files[0].sha256), s3?.bucketDir);
        const read = await staff.get(`${here}/${id}/download`);
        assert.equal(read.statusCode, 409);
        assert.match(pageText(read.body), /a été altéré et ne peut pas être lu/);
        assert.doesNotMatch(read.body, /%PDF/);
      });

      it("a document read whole once, then altered with its times put back, is refused with the clear message", async () => {
        const content = tinyPdf("Bilan verifie");
        const sent = await send([{ name: "verifie.pdf", content }]);
        const id = sent.json().files[0].id;
        assert.equal((await staff.get(`${here}/${id}/download`)).rawPayload.equals(content), true);
        const location = documentStorage(h.ctx.config).blobs.locate(sent.json().files[0].sha256);
        alterStored(location, s3?.bucketDir, { keepTimes: true });
        const read = await staff.get(`${here}/${id}/download`);
        assert.equal(read.statusCode, 409);
        assert.match(pageText(read.body), /a été altéré et ne peut pas être lu/);
      });

      it("rename, move, bin and restore, each in the dossier's activity trail", async () => {
        const sent = await send([{ name: "statuts.pdf", content: tinyPdf("Statuts") }]);
        const id = sent.json().files[0].id;
        await staff.get(here);
        assert.equal(
          (await staff.post(`${here}/${id}/rename`, { name: "Statuts 2024.pdf" })).statusCode,
          303,
        );
        assert.equal(
          (await staff.post(`${here}/${id}/move`, { folder: folders[3]?.id ?? "" })).statusCode,
          303,
        );
        assert.equal((await staff.post(`${here}/${id}/delete`, {})).statusCode, 303);
        assert.equal((await staff.get(`${here}/${id}/download`)).statusCode, 404, "in the bin: not readable");
        assert.match(
          pageText((await staff.get(here)).body),
          /Corbeille \(restaurable 30 jours\) Statuts 2024\.pdf/,
        );
        assert.equal((await staff.post(`${here}/${id}/restore`, {})).statusCode, 303);
        assert.equal((await staff.get(`${here}/${id}/download`)).statusCode, 200);
        const trail = pageText((await staff.get(here)).body);
        for (const line of [
          /admin@ypn\.example a déposé « statuts\.pdf » \(v1\) · 127\.0\.0\.1/,
          /admin@ypn\.example a renommé « Statuts 2024\.pdf »/,
          /admin@ypn\.example a déplacé « Statuts 2024\.pdf »/,
          /admin@ypn\.example a mis à la corbeille « Statuts 2024\.pdf »/,
          /admin@ypn\.example a restauré « Statuts 2024\.pdf »/,
          /admin@ypn\.example a téléchargé « Statuts 2024\.pdf » \(v1\)/,
          /admin@ypn\.example a consulté « bilan\.pdf » \(v2\)/,
        ])
          assert.match(trail, line);
      });

      it("a restore after 30 days in the bin is refused", async () => {
        const sent = await send([{ name: "ancien.pdf", content: tinyPdf("Ancien") }]);
        const id = sent.json().files[0].id;
        await staff.get(here);
        await staff.post(`${here}/${id}/delete`, {});
        await h.ctx.db
          .updateTable("document")
          .set({ deleted_at: Date.now() - 31 * 24 * 3600 * 1000 })
          .where("id", "=", id)
          .execute();
        await staff.get(here);
        assert.equal((await staff.post(`${here}/${id}/restore`, {})).statusCode, 404);
      });

      it("an upload cut midway leaves no document and no staged part", async () => {
        const before = await rowCount(h.ctx.db, "document");
        await cutUpload(h, staff, here, folders[0]?.id ?? "");
        const staging = documentStorage(h.ctx.config).stagingDir;
        // The server notices the cut connection on its own schedule: wait for the part to go.
        for (let i = 0; i < 200 && fs.readdirSync(staging).length > 0; i++)
          await new Promise((r) => setTimeout(r, 25));
        assert.deepEqual(fs.readdirSync(staging), []);
        assert.equal(await rowCount(h.ctx.db, "document"), before);
        assert.doesNotMatch(pageText((await staff.get(here)).body), /coupe\.pdf/);
      });
    });
  }
}

/** Sends half of a multipart upload over a real connection, then drops it. */
async function cutUpload(
  h: PortalHarness,
  staff: PortalBrowser,
  here: string,
  folder: string,
): Promise<void> {
  await staff.get(here);
  const token = uploadToken(staff);
  const address = await h.app.listen({ port: 0, host: "127.0.0.1" });
  const { connect } = await import("node:tls");
  const url = new URL(address);
  const socket = connect({ host: "127.0.0.1", port: Number(url.port), rejectUnauthorized: false });
  await new Promise((resolve) => socket.once("secureConnect", resolve));
  const boundary = "----cut";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="coupe.pdf"\r\n\r\n`;
  socket.write(
    [
      `POST ${here}?folder=${folder} HTTP/1.1`,
      "Host: localhost",
      `Content-Type: multipart/form-data; boundary=${boundary}`,
      `Content-Length: ${head.length + 600_000}`,
      "Accept: application/json",
      `X-CSRF-Token: ${token}`,
      `Cookie: ${staff.cookieHeader}`,
      "",
      "",
    ].join("\r\n"),
  );
  socket.write(head);
  socket.write(Buffer.concat([tinyPdf(), Buffer.alloc(200_000, 32)]));
  // Wait until the server has started staging the file, then cut.
  const staging = documentStorage(h.ctx.config).stagingDir;
  for (let i = 0; i < 200 && !(fs.existsSync(staging) && fs.readdirSync(staging).length > 0); i++)
    await new Promise((r) => setTimeout(r, 25));
  assert.equal(fs.readdirSync(staging).length, 1, "the upload was being staged");
  socket.destroy();
  void path;
}
