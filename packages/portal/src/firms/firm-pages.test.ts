import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import type { Firm, Staff } from "./firm-queries";

for (const target of await testTargets()) {
  describe(`firm settings, staff, audit log and licence requests (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm, admin } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    it("a firm admin renames the firm and adds an accountant; both show in the audit log", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      await browser.get("/YPN/settings");
      const saved = await browser.post("/YPN/settings", {
        name: "Cabinet Yvelines Partenaires Numériques",
        contact_email: "contact@ypn.fr",
      });
      assert.equal(saved.statusCode, 303);
      const page = await browser.get("/YPN/settings?saved=1");
      assert.match(pageText(page.body), /Paramètres enregistrés/);
      assert.match(pageText(page.body), /\/YPN\/authorize/);
      const added = await browser.post("/YPN/staff", {
        display_name: "Julien Bernard",
        email: "julien@ypn.fr",
        role: "accountant",
        expected_tenant: "ypn.fr",
      });
      assert.equal(added.statusCode, 303);
      await browser.get("/YPN/settings");
      const again = await browser.post("/YPN/staff", {
        display_name: "Julien B",
        email: "JULIEN@ypn.fr",
        role: "assistant",
        expected_tenant: "ypn.fr",
      });
      assert.equal(again.statusCode, 400);
      assert.match(pageText(again.body), /fait déjà partie de l'équipe/);
      const moved = await browser.get("/YPN/audit");
      assert.equal(moved.statusCode, 301);
      assert.equal(moved.headers.location, "/YPN/journal");
      const audit = pageText((await browser.get("/YPN/journal")).body);
      assert.match(audit, /a modifié les paramètres du cabinet/);
      assert.match(audit, /a ajouté Julien Bernard à l'équipe/);
      assert.doesNotMatch(audit, /firm\.settings|staff\.add/);
    });

    it("an accountant may not open the settings, and a form posted without its token is refused", async () => {
      const accountant = await addStaff(h.ctx, firm, "accountant", "claire@ypn.fr");
      const browser = new PortalBrowser(h);
      await browser.signInAs(accountant);
      assert.equal((await browser.get("/YPN/settings")).statusCode, 403);
      const forged = await browser.post("/YPN/dossiers/new", { _csrf: null, name: "X" });
      assert.equal(forged.statusCode, 403);
    });

    it("a licence request while the reseller service does not answer is kept as 'waiting to be sent', with a clear note", async () => {
      const browser = new PortalBrowser(h, "en");
      await browser.signInAs(admin);
      await browser.get("/YPN/licences");
      const tenant = "6b1f0a35-8a0c-4b43-9d5e-1f2a3b4c5d6e";
      const sent = await browser.post("/YPN/licences", { sku: "O365_BUSINESS_PREMIUM", seats: "3", tenant });
      assert.equal(sent.statusCode, 303);
      const text = pageText((await browser.get("/YPN/licences")).body);
      assert.match(text, /Microsoft 365 Business Standard 3/);
      assert.match(text, /Waiting to be sent/);
      assert.match(text, /will be sent to it automatically/);
      const bad = await browser.post("/YPN/licences", { sku: "NOPE", seats: "0", tenant });
      assert.equal(bad.statusCode, 400);
    });
  });
}
