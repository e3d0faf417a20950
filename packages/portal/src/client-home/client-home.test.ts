import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import { type DocumentWorld, seedDocumentWorld } from "../documents/document-test-support";
import { insertDossier } from "../dossiers/dossier-queries";
import { itemsOfList } from "../requests/request-queries";
import { addDays, parisDay } from "../requests/request-rules";
import { contactBrowser, createList, requestsOf, staffBrowser } from "../requests/request-test-support";
import { addStaff, type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";

for (const target of await testTargets()) {
  describe(`client home and firm home (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    const today = parisDay(Date.now());
    before(async () => {
      h = await startTestPortal(target);
      w = await seedDocumentWorld(h.ctx);
      const staff = await staffBrowser(h, w.admin);
      await createList(staff, w.dossierA, { template: "vat", due: addDays(today, 20), title: "TVA T4" });
      await createList(staff, w.dossierA, {
        template: "new-client",
        due: addDays(today, -2),
        title: "Ouverture",
      });
      await createList(staff, w.dossierB, { template: "vat", due: addDays(today, 1), title: "TVA garage" });
    });
    after(() => h.close());

    it("the client's home shows first what the firm expects, late items first, then the dossiers", async () => {
      const client = await contactBrowser(h, w.uploaderA, w.firm.id);
      const home = pageText((await client.get("/YPN/espace")).body);
      const expects = home.indexOf("Ce que le cabinet attend de vous");
      const dossiers = home.indexOf("Mes dossiers");
      assert.ok(expects > 0 && dossiers > expects, "requests come before the dossiers");
      const late = home.indexOf("Extrait Kbis de moins de 3 mois");
      const later = home.indexOf("Factures de ventes du trimestre");
      assert.ok(late > 0 && later > late, "the late list's items come first");
      assert.match(
        home,
        /Extrait Kbis de moins de 3 mois Boulangerie A · Ouverture · à rendre le .* · En retard/,
      );
      assert.doesNotMatch(home, /TVA garage/, "dossier B is not theirs");
    });

    it("a dossier switcher shows one dossier at a time and says which; only items the contact may answer", async () => {
      const reader = await contactBrowser(h, w.readerA, w.firm.id);
      const all = pageText((await reader.get("/YPN/espace")).body);
      // Read only on A: nothing to answer there; upload on B: B's items.
      assert.match(all, /TVA garage/);
      assert.doesNotMatch(all, /Ouverture/);
      const onlyA = await reader.get(`/YPN/espace?dossier=${w.dossierA}`);
      assert.match(pageText(onlyA.body), /Dossier affiché : Boulangerie A/);
      assert.doesNotMatch(pageText(onlyA.body), /TVA garage/);
      assert.match(onlyA.body, /<select id="dossier-switch" name="dossier">/);
      // Another firm's dossier id is not theirs: all of their own dossiers, nothing else.
      const other = pageText((await reader.get(`/YPN/espace?dossier=${w.otherDossier}`)).body);
      assert.doesNotMatch(other, /Autre cabinet|Dossier affiché/);
    });

    it("a person invited by two firms switches between them", async () => {
      const here = await insertContact(h.ctx.db, w.firm.id, {
        civility: "mme",
        firstName: "Inès",
        lastName: "Double",
        email: "ines@double.example",
        phone: null,
        language: "fr",
      });
      const there = await insertContact(h.ctx.db, w.otherFirm.id, {
        civility: "mme",
        firstName: "Inès",
        lastName: "Double",
        email: "ines@double.example",
        phone: null,
        language: "fr",
      });
      for (const id of [here.id, there.id])
        await h.ctx.db.updateTable("contact").set({ tid: "t-1", oid: "o-1" }).where("id", "=", id).execute();
      const client = await contactBrowser(h, here.id, w.firm.id);
      const home = await client.get("/YPN/espace");
      assert.match(home.body, /<a href="\/AUTRE\/espace">Cabinet AUTRE<\/a>/);
    });

    it("the firm's home shows, per accountant, dossiers with late requests and answers waiting for review", async () => {
      const accountant = await addStaff(h.ctx, w.firm, "accountant", "marc@ypn.example");
      const mine = await insertDossier(h.ctx.db, w.firm.id, {
        name: "Menuiserie Marc",
        siren: "552100554",
        siret: null,
        address: "3 rue",
        accountantId: accountant.id,
        status: "active",
      });
      const marc = await staffBrowser(h, accountant);
      const listId = await createList(marc, mine.id, { template: "vat", due: addDays(today, -1) });
      const admin = await staffBrowser(h, w.admin);
      const [first] = await itemsOfList(h.ctx.db, listId);
      await admin.get(`${requestsOf(mine.id)}/${listId}`);
      // An answer given for the client by staff counts as one to review.
      assert.equal(
        (
          await admin.post(`${requestsOf(mine.id)}/${listId}/items/${first?.id}/comment`, {
            text: "Reçu par courrier",
          })
        ).statusCode,
        303,
      );
      const his = pageText((await marc.get("/YPN/accueil")).body);
      assert.match(his, /Menuiserie Marc · 2 en retard · 1 réponse\(s\) à vérifier/);
      assert.doesNotMatch(his, /Boulangerie A/, "an accountant sees the dossiers in their charge");
      const all = pageText((await admin.get("/YPN/accueil")).body);
      assert.match(
        all,
        /Sans expert-comptable attitré Boulangerie A · 5 en retard · 0 réponse\(s\) à vérifier/,
      );
      assert.match(all, /marc Menuiserie Marc/);
      const client = await contactBrowser(h, w.uploaderA, w.firm.id);
      assert.equal(
        (await client.get("/YPN/accueil")).statusCode,
        302,
        "a contact is sent to sign in as staff",
      );
    });
  });
}
