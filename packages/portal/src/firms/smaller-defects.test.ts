import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import type { Firm, Staff } from "./firm-queries";

for (const target of await testTargets()) {
  describe(`the walk-through's smaller defects (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm, admin } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    it("the portal's / leads to each firm's sign-in, and /YPN/ with a trailing slash works", async () => {
      const browser = new PortalBrowser(h);
      const home = await browser.get("/");
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<a href="\/YPN\/signin">Cabinet YPN<\/a>/);
      const slash = await browser.get("/YPN/");
      assert.equal(slash.statusCode, 302);
      assert.equal(slash.headers.location, "/YPN/signin");
    });

    it("the favicon is an image, not a 404", async () => {
      const icon = await new PortalBrowser(h).get("/favicon.ico");
      assert.equal(icon.statusCode, 200);
      assert.equal(icon.headers["content-type"], "image/png");
      assert.equal(icon.rawPayload.subarray(1, 4).toString(), "PNG");
    });

    it("after sign-out a page says so and links back to the firm's sign-in (fr, en)", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      const out = await browser.get("/auth/signout");
      assert.equal(out.statusCode, 302);
      const location = new URL(String(out.headers.location), "https://portal.invalid");
      assert.equal(location.pathname, "/auth/signed-out");
      const page = await browser.get(`${location.pathname}${location.search}`);
      assert.match(pageText(page.body), /Vous êtes déconnecté/);
      assert.match(page.body, /<a href="\/YPN\/signin">Se reconnecter à l&#39;espace de Cabinet YPN<\/a>/);
      const en = await new PortalBrowser(h, "en").get("/auth/signed-out?state=YPN");
      assert.match(pageText(en.body), /You are signed out\. Sign in again to the space of Cabinet YPN/);
    });

    it("a new dossier's accountant in charge is the signed-in accountant", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      const form = await browser.get("/YPN/dossiers/new");
      assert.match(form.body, new RegExp(`<option value="${admin.id}" selected>`));
    });

    it("'Ajouter un membre' proposes the least-privileged role first", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      const settings = await browser.get("/YPN/settings");
      const select = /<select id="role"[\s\S]*?<\/select>/.exec(settings.body)?.[0] ?? "";
      assert.match(select, /<option value="assistant" selected>/);
      assert.doesNotMatch(select, /<option value="admin" selected>/);
    });

    it("'Vérifier à nouveau' appears only after a first check", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Jamais",
        lastName: "Vérifiée",
        email: "jamais@example.org",
        phone: null,
        language: "fr",
      });
      const page = pageText((await browser.get(`/YPN/interlocuteurs/${contact.id}`)).body);
      assert.doesNotMatch(page, /Vérifier à nouveau/);
      assert.match(page, /Vérifier le compte Microsoft/);
    });
  });
}
