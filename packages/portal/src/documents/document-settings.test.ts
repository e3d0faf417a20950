import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { addStaff, PortalBrowser, type PortalHarness, startTestPortal } from "../testing/portal-harness";
import { foldersOf } from "./document-queries";
import {
  type DocumentWorld,
  seedDocumentWorld,
  tinyPdf,
  tinyPng,
  upload,
  uploadToken,
} from "./document-test-support";

for (const target of await testTargets()) {
  describe(`documents settings of the firm admin (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    let admin: PortalBrowser;
    before(async () => {
      h = await startTestPortal(target);
      w = await seedDocumentWorld(h.ctx);
      admin = new PortalBrowser(h);
      await admin.signInAs(w.admin);
    });
    after(() => h.close());

    it("the admin's folder tree is what a dossier opened afterwards gets", async () => {
      assert.equal((await admin.get("/YPN/settings/documents")).statusCode, 200);
      const saved = await admin.post("/YPN/settings/documents", {
        folders: "Banque\r\nFiscal\r\nPaie\r\n",
        types: "application/pdf\nimage/jpeg",
      });
      assert.equal(saved.statusCode, 303);
      assert.equal((await admin.get(`/YPN/dossiers/${w.dossierB}/documents`)).statusCode, 200);
      const folders = await foldersOf(h.ctx.db, { firmId: w.firm.id, dossierId: w.dossierB });
      assert.deepEqual(
        folders.map((f) => f.name),
        ["Banque", "Fiscal", "Paie"],
      );
    });

    it("a type the admin removed is refused, one kept is accepted", async () => {
      const here = `/YPN/dossiers/${w.dossierB}/documents`;
      const folder = (await foldersOf(h.ctx.db, { firmId: w.firm.id, dossierId: w.dossierB }))[0]?.id ?? "";
      await admin.get(here);
      const png = await upload(
        h.app,
        admin,
        here,
        folder,
        [{ name: "photo.png", content: tinyPng }],
        uploadToken(admin),
      );
      assert.equal(png.statusCode, 422);
      assert.match(png.json().files[0].error, /image\/png/);
      const pdf = await upload(
        h.app,
        admin,
        here,
        folder,
        [{ name: "a.pdf", content: tinyPdf() }],
        uploadToken(admin),
      );
      assert.equal(pdf.statusCode, 201);
    });

    it("only the firm admin opens these settings", async () => {
      const accountant = new PortalBrowser(h);
      await accountant.signInAs(await addStaff(h.ctx, w.firm, "accountant", "compta@ypn.example"));
      assert.equal((await accountant.get("/YPN/settings/documents")).statusCode, 403);
      const client = new PortalBrowser(h);
      await client.signInContact(w.uploaderA, w.firm.id);
      assert.notEqual((await client.get("/YPN/settings/documents")).statusCode, 200);
    });
  });
}
