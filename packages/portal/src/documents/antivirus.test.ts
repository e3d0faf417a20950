import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { clamdInstalled, EICAR, startTestClamd, type TestClamd } from "../testing/clamd";
import { PortalBrowser, type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";
import { rowCount } from "../testing/store-checks";
import { foldersOf } from "./document-queries";
import { type DocumentWorld, seedDocumentWorld, tinyPdf, upload, uploadToken } from "./document-test-support";

const needed = process.env.CI === "true";
const [target] = await testTargets();

describe("antivirus: every upload is scanned by clamd when CLAMAV_URL is set", {
  skip: !needed && !clamdInstalled() ? "clamd not installed (apt-get install clamav-daemon)" : false,
}, () => {
  let clamd: TestClamd;
  let h: PortalHarness;
  let w: DocumentWorld;
  let staff: PortalBrowser;
  let here: string;
  let folder: string;
  before(async () => {
    clamd = await startTestClamd();
    h = await startTestPortal(target!, { env: { CLAMAV_URL: clamd.url } });
    w = await seedDocumentWorld(h.ctx);
    staff = new PortalBrowser(h);
    await staff.signInAs(w.admin);
    here = `/YPN/dossiers/${w.dossierA}/documents`;
    await staff.get(here);
    folder = (await foldersOf(h.ctx.db, { firmId: w.firm.id, dossierId: w.dossierA }))[0]?.id ?? "";
  });
  after(async () => {
    await h?.close();
    await clamd?.close();
  });

  it("the EICAR test file is refused and never becomes a document", async () => {
    const sent = await upload(
      h.app,
      staff,
      here,
      folder,
      [{ name: "facture.txt", content: EICAR }],
      uploadToken(staff),
    );
    assert.equal(sent.statusCode, 422);
    assert.match(sent.json().files[0].error, /contient un virus/);
    assert.equal(await rowCount(h.ctx.db, "document"), 0);
  });

  it("a clean file is stored and shown as scanned", async () => {
    await staff.get(here);
    const sent = await upload(
      h.app,
      staff,
      here,
      folder,
      [{ name: "bilan.pdf", content: tinyPdf() }],
      uploadToken(staff),
    );
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().files[0].scan, "clean");
    assert.match(pageText((await staff.get(here)).body), /bilan\.pdf · v1 .* Analysé, sain/);
  });

  it("when clamd cannot be reached, uploads are refused rather than let through unscanned", async () => {
    await clamd.close();
    await staff.get(here);
    const sent = await upload(
      h.app,
      staff,
      here,
      folder,
      [{ name: "autre.pdf", content: tinyPdf("x") }],
      uploadToken(staff),
    );
    assert.equal(sent.statusCode, 503);
    assert.equal(await rowCount(h.ctx.db, "document"), 1);
  });
});
