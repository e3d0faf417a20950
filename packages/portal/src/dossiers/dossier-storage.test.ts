import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import { dossiersOfContact, insertDossier, listDossiers } from "./dossier-queries";

for (const target of await testTargets()) {
  describe(`dossiers and interlocuteurs storage (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    let accountant: Staff;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm, admin } = await seedTestFirm(h.ctx));
      accountant = await addStaff(h.ctx, firm, "accountant", "julien@ypn.example");
      const base = { address: "1 rue X, 78000 Versailles", siret: null, status: "active" as const };
      await insertDossier(h.ctx.db, firm.id, {
        ...base,
        name: "Boulangerie Martin",
        siren: "812345676",
        accountantId: accountant.id,
      });
      await insertDossier(h.ctx.db, firm.id, {
        ...base,
        name: "Écurie Ávila",
        siren: "523456788",
        accountantId: null,
        status: "archived",
      });
      await insertDossier(h.ctx.db, firm.id, {
        ...base,
        name: "Atelier Lefèvre",
        siren: "434567897",
        accountantId: accountant.id,
      });
    });
    after(() => h.close());

    it("lists dossiers by name, accents ignored, and pages without gaps or repeats", async () => {
      const first = await listDossiers(h.ctx.db, firm.id, { limit: 2 });
      assert.deepEqual(
        first.map((d) => d.name),
        ["Atelier Lefèvre", "Boulangerie Martin"],
      );
      const last = first[1];
      assert.ok(last);
      const second = await listDossiers(h.ctx.db, firm.id, {
        limit: 2,
        after: { key: last.name_key, id: last.id },
      });
      assert.deepEqual(
        second.map((d) => d.name),
        ["Écurie Ávila"],
      );
    });

    it("finds dossiers by part of the name, by SIREN, by status and by accountant", async () => {
      assert.deepEqual(
        (await listDossiers(h.ctx.db, firm.id, { query: "ecurie", limit: 10 })).map((d) => d.siren),
        ["523456788"],
      );
      assert.deepEqual(
        (await listDossiers(h.ctx.db, firm.id, { query: "812 345", limit: 10 })).map((d) => d.name),
        ["Boulangerie Martin"],
      );
      assert.equal((await listDossiers(h.ctx.db, firm.id, { status: "archived", limit: 10 })).length, 1);
      const mine = await listDossiers(h.ctx.db, firm.id, { accountantId: accountant.id, limit: 10 });
      assert.deepEqual(
        mine.map((d) => d.accountant_name),
        ["julien", "julien"],
      );
    });

    it("one person is linked to several dossiers with rights per dossier", async () => {
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Camille",
        lastName: "Durand",
        email: "Camille@Example.fr",
        phone: "+33612345678",
        language: "fr",
      });
      const [a, b] = await listDossiers(h.ctx.db, firm.id, { limit: 2 });
      assert.ok(a && b);
      await linkDossier(h.ctx.db, contact.id, { dossierId: a.id, read: true, upload: true, approve: false });
      await linkDossier(h.ctx.db, contact.id, { dossierId: b.id, read: true, upload: false, approve: true });
      const linked = await dossiersOfContact(h.ctx.db, contact.id);
      assert.deepEqual(
        linked.map((d) => [d.name, d.can_upload, d.can_approve]),
        [
          ["Atelier Lefèvre", 1, 0],
          ["Boulangerie Martin", 0, 1],
        ],
      );
      assert.equal(contact.email_normalized, "camille@example.fr");
    });

    it("the firm creates a dossier from the form and a wrong SIREN is refused with a clear message", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      await browser.get("/YPN/dossiers/new");
      const bad = await browser.post("/YPN/dossiers/new", {
        name: "Garage",
        siren: "123456789",
        address: "2 rue Y",
        status: "active",
        accountant_id: "",
      });
      assert.equal(bad.statusCode, 400);
      assert.match(pageText(bad.body), /Ce SIREN n'est pas valide/);
      const good = await browser.post("/YPN/dossiers/new", {
        name: "Garage des Tilleuls",
        siren: "905 678 900",
        address: "2 rue Y",
        status: "active",
        accountant_id: accountant.id,
      });
      assert.equal(good.statusCode, 303);
      const list = await browser.get("/YPN/dossiers?q=tilleuls");
      assert.match(list.body, /Garage des Tilleuls/);
      const duplicate = await browser.post("/YPN/dossiers/new", {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(bad.body)?.[1] ?? "",
        name: "Autre",
        siren: "905678900",
        address: "3 rue Z",
        status: "active",
        accountant_id: "",
      });
      assert.equal(duplicate.statusCode, 400);
      assert.match(pageText(duplicate.body), /existe déjà avec ce SIREN/);
    });

    it("an accountant sees only the dossiers in their charge", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(accountant);
      const page = await browser.get("/YPN/dossiers");
      assert.match(page.body, /Boulangerie Martin/);
      assert.doesNotMatch(page.body, /Écurie Ávila/);
    });

    it("staff pages send a visitor who is not signed in to the firm's sign-in", async () => {
      const response = await new PortalBrowser(h).get("/YPN/dossiers");
      assert.equal(response.statusCode, 302);
      assert.match(String(response.headers.location), /^\/YPN\/signin/);
    });

    it("a firm code that is malformed or unknown is a 404 page", async () => {
      for (const url of ["/Y/dossiers", "/TOOLONGCODE1/dossiers", "/ABC/dossiers", "/YP-N/dossiers"]) {
        const response = await new PortalBrowser(h).get(url);
        assert.equal(response.statusCode, 404, url);
      }
    });
  });
}
