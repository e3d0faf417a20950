import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { addStaff, PortalBrowser, type PortalHarness, startTestPortal } from "../testing/portal-harness";
import { foldersOf } from "./document-queries";
import { type DocumentWorld, seedDocumentWorld, tinyPdf, upload, uploadToken } from "./document-test-support";

for (const target of await testTargets()) {
  describe(`document rights over HTTP (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    let docA: string;
    let folderA: string;
    let folderB: string;
    const docs = (dossier: string, firm = "YPN") => `/${firm}/dossiers/${dossier}/documents`;

    const staffBrowser = async () => {
      const b = new PortalBrowser(h);
      await b.signInAs(w.admin);
      return b;
    };
    const contactBrowser = async (id: string) => {
      const b = new PortalBrowser(h);
      await b.signInContact(id, w.firm.id);
      return b;
    };

    before(async () => {
      h = await startTestPortal(target);
      w = await seedDocumentWorld(h.ctx);
      const staff = await staffBrowser();
      assert.equal((await staff.get(docs(w.dossierA))).statusCode, 200);
      assert.equal((await staff.get(docs(w.dossierB))).statusCode, 200);
      folderA = (await foldersOf(h.ctx.db, { firmId: w.firm.id, dossierId: w.dossierA }))[0]?.id ?? "";
      folderB = (await foldersOf(h.ctx.db, { firmId: w.firm.id, dossierId: w.dossierB }))[0]?.id ?? "";
      await staff.get(docs(w.dossierA));
      const sent = await upload(
        h.app,
        staff,
        docs(w.dossierA),
        folderA,
        [{ name: "bilan.pdf", content: tinyPdf() }],
        uploadToken(staff),
      );
      assert.equal(sent.statusCode, 201, sent.body);
      docA = sent.json().files[0].id;
      await staff.get(docs(w.dossierB));
      const inB = await upload(
        h.app,
        staff,
        docs(w.dossierB),
        folderB,
        [{ name: "b.pdf", content: tinyPdf("B") }],
        uploadToken(staff),
      );
      assert.equal(inB.statusCode, 201, inB.body);
    });
    after(() => h.close());

    it("a contact of dossier A lists, previews and downloads in A", async () => {
      const b = await contactBrowser(w.uploaderA);
      const page = await b.get(docs(w.dossierA));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /bilan\.pdf/);
      assert.doesNotMatch(page.body, /b\.pdf/);
      const file = await b.get(`${docs(w.dossierA)}/${docA}/download`);
      assert.equal(file.statusCode, 200);
      assert.ok(file.rawPayload.equals(tinyPdf()));
      assert.equal((await b.get(`${docs(w.dossierA)}/${docA}/preview`)).statusCode, 200);
    });

    it("a contact of dossier A gets 404 for dossier B: list, download, preview, upload, by URL guessing too", async () => {
      const b = await contactBrowser(w.uploaderA);
      await b.get(docs(w.dossierA));
      const token = uploadToken(b);
      assert.equal((await b.get(docs(w.dossierB))).statusCode, 404);
      // A's document through B's address, and B's address with A's folder.
      assert.equal((await b.get(`${docs(w.dossierB)}/${docA}/download`)).statusCode, 404);
      assert.equal((await b.get(`${docs(w.dossierB)}/${docA}/preview`)).statusCode, 404);
      const intoB = await upload(
        h.app,
        b,
        docs(w.dossierB),
        folderB,
        [{ name: "x.pdf", content: tinyPdf() }],
        token,
      );
      assert.equal(intoB.statusCode, 404);
      const folderOfB = await upload(
        h.app,
        b,
        docs(w.dossierA),
        folderB,
        [{ name: "x.pdf", content: tinyPdf() }],
        token,
      );
      assert.equal(folderOfB.statusCode, 404);
      // Another firm's dossier under this firm's code, and an unknown id.
      assert.equal((await b.get(docs(w.otherDossier))).statusCode, 404);
      assert.equal(
        (await b.get(`${docs(w.dossierA)}/00000000-0000-0000-0000-000000000000/download`)).statusCode,
        404,
      );
    });

    it("a contact with the read right only cannot upload; no contact renames or deletes", async () => {
      const reader = await contactBrowser(w.readerA);
      const page = await reader.get(docs(w.dossierA));
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /enctype="multipart\/form-data"/);
      await reader.get(docs(w.dossierB));
      const token = uploadToken(reader);
      assert.notEqual(token, "", "B's page offers the upload");
      const sent = await upload(
        h.app,
        reader,
        docs(w.dossierA),
        folderA,
        [{ name: "x.pdf", content: tinyPdf() }],
        token,
      );
      assert.equal(sent.statusCode, 403);
      assert.match(sent.json().error.message, /droits/);
      const inB = await upload(
        h.app,
        reader,
        docs(w.dossierB),
        folderB,
        [{ name: "x.pdf", content: tinyPdf() }],
        token,
      );
      assert.equal(inB.statusCode, 201, "the same token uploads where the right is given");
      const uploader = await contactBrowser(w.uploaderA);
      await uploader.get(docs(w.dossierA));
      assert.equal((await uploader.post(`${docs(w.dossierA)}/${docA}/delete`, {})).statusCode, 403);
      assert.equal(
        (await uploader.post(`${docs(w.dossierA)}/${docA}/rename`, { name: "x.pdf" })).statusCode,
        403,
      );
      assert.equal(
        (await uploader.get(`${docs(w.dossierA)}/${docA}/download`)).statusCode,
        200,
        "still there",
      );
    });

    it("staff of another firm see nothing of this one", async () => {
      const other = new PortalBrowser(h);
      await other.signInAs(w.otherAdmin);
      // Under this firm's code they are not signed in: sent to sign in, no content.
      const there = await other.get(`${docs(w.dossierA)}/${docA}/download`);
      assert.equal(there.statusCode, 302);
      assert.doesNotMatch(there.body, /PDF/);
      // Under their own firm's code, this firm's ids are unknown.
      assert.equal((await other.get(docs(w.dossierA, "AUTRE"))).statusCode, 404);
      assert.equal((await other.get(`${docs(w.otherDossier, "AUTRE")}/${docA}/download`)).statusCode, 404);
      await other.get(docs(w.otherDossier, "AUTRE"));
      const into = await upload(
        h.app,
        other,
        docs(w.dossierA, "AUTRE"),
        folderA,
        [{ name: "x.pdf", content: tinyPdf() }],
        uploadToken(other),
      );
      assert.equal(into.statusCode, 404);
    });

    it("an accountant sees only the dossiers in their charge", async () => {
      const accountant = await addStaff(h.ctx, w.firm, "accountant", "compta@ypn.example");
      const b = new PortalBrowser(h);
      await b.signInAs(accountant);
      assert.equal((await b.get(docs(w.dossierA))).statusCode, 404);
      assert.equal((await b.get(`${docs(w.dossierA)}/${docA}/download`)).statusCode, 404);
    });

    it("nobody signed in gets no byte: sent to sign in", async () => {
      const anonymous = new PortalBrowser(h);
      const answer = await anonymous.get(`${docs(w.dossierA)}/${docA}/download`);
      assert.equal(answer.statusCode, 302);
      assert.match(String(answer.headers.location), /\/YPN\/signin/);
    });
  });
}
