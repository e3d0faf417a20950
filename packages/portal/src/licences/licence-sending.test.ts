import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { listLicenceRequests as resellerInbox } from "@sesame/identity/reseller/licence-request-api";
import { decideLicenceRequest } from "@sesame/identity/reseller/request-decisions";
import { tenantOfDomain } from "@sesame/identity/tenants/tenant-queries";
import { type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import { identityFetch } from "../identity-client/identity-fetch";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import { licenceSenderOf } from "./licence-senders";

const later = () => Date.now() + 60 * 60 * 1000;

for (const target of await testTargets()) {
  describe(`licence requests sent to identity's reseller over HTTPS (${target.label})`, () => {
    let identity: IdentityHarness;
    let h: PortalHarness;
    let admin: Staff;
    let firm: Firm;
    let reseller: string;
    let boulangerie: string;
    /** While true, the portal's calls to identity go to a closed port (identity unreachable). */
    let down = false;
    before(async () => {
      identity = await startTestIdentity(target, { listen: true });
      await seedIdentityDemo(identity.identity.ctx);
      reseller = (await tenantOfDomain(identity.identity.ctx.db, "distrilog.onmicrosoft.com"))?.id ?? "";
      boulangerie = (await tenantOfDomain(identity.identity.ctx.db, "boulangerie-martin.fr"))?.id ?? "";
      const real = identityFetch("/nonexistent", identity.identity.ca);
      const url = identity.identity.url;
      h = await startTestPortal(target, {
        authority: url,
        fetch: (to, init) => real(down ? to.replace(url, "https://127.0.0.1:9") : to, init),
      });
      ({ admin, firm } = await seedTestFirm(h.ctx));
    });
    after(async () => {
      await h.close();
      await identity.close();
    });

    const inbox = () => resellerInbox(identity.identity.ctx.db, reseller);
    async function ask(browser: PortalBrowser, form: Record<string, string>) {
      await browser.get("/YPN/licences");
      return browser.post("/YPN/licences", form);
    }

    it("a request made by the firm reaches the firm's reseller and shows its status", async () => {
      const browser = new PortalBrowser(h, "en");
      await browser.signInAs(admin);
      const sent = await ask(browser, {
        sku: "O365_BUSINESS_PREMIUM",
        seats: "3",
        tenant: "boulangerie-martin.fr",
      });
      assert.equal(sent.statusCode, 303);
      await licenceSenderOf(h.ctx)?.drain();
      const received = (await inbox()).find((r) => r.customerName === "boulangerie-martin.fr");
      assert.ok(received, "the reseller Distrilog Partenaires received the request");
      assert.equal(received.quantity, 3);
      assert.equal(received.skuPartNumber, "O365_BUSINESS_PREMIUM");
      assert.equal(received.customerTenantId, boulangerie);
      assert.match(
        pageText((await browser.get("/YPN/licences")).body),
        /Microsoft 365 Business Standard 3 .* Sent to the reseller/,
      );

      await identity.identity.ctx.db
        .updateTable("licence_request")
        .set({ status: "fulfilled" })
        .where("id", "=", received.id)
        .execute();
      assert.match(pageText((await browser.get("/YPN/licences")).body), /Accepted and delivered/);
    });

    it("a signed-in interlocuteur's request for their own organization reaches the reseller", async () => {
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Sophie",
        lastName: "Martin",
        email: "sophie@boulangerie-martin.fr",
        phone: null,
        language: "fr",
      });
      await h.ctx.db
        .updateTable("contact")
        .set({
          tid: boulangerie,
          oid: "o-1",
          readiness_kind: "work",
          readiness_domain: "boulangerie-martin.fr",
        })
        .where("id", "=", contact.id)
        .execute();
      const browser = new PortalBrowser(h, "fr");
      await browser.signInContact(contact.id, firm.id);
      await browser.get("/YPN/espace/licences");
      const sent = await browser.post("/YPN/espace/licences", {
        sku: "O365_BUSINESS_ESSENTIALS",
        seats: "4",
      });
      assert.equal(sent.statusCode, 303);
      await licenceSenderOf(h.ctx)?.drain();
      const received = (await inbox()).find((r) => r.skuPartNumber === "O365_BUSINESS_ESSENTIALS");
      assert.equal(received?.quantity, 4);
      assert.equal(received?.customerTenantId, boulangerie);
      assert.match(
        pageText((await browser.get("/YPN/espace/licences")).body),
        /Basic 4 sophie@boulangerie-martin.fr Transmise au revendeur/,
      );
    });

    it("while identity is unreachable the request is kept and retried, then delivered when it is back", async () => {
      const browser = new PortalBrowser(h, "fr");
      await browser.signInAs(admin);
      down = true;
      const before = (await inbox()).length;
      const sent = await ask(browser, { sku: "SPB", seats: "7", tenant: boulangerie });
      assert.equal(sent.statusCode, 303);
      await licenceSenderOf(h.ctx)?.drain(later());
      await licenceSenderOf(h.ctx)?.drain(later());
      const waiting = pageText((await browser.get("/YPN/licences")).body);
      assert.equal(/500|Internal/.test(waiting), false);
      assert.match(waiting, /Microsoft 365 Business Premium 7 .* À envoyer/);
      assert.match(waiting, /seront transmises automatiquement/);
      // A request identity already received keeps its last known status while identity is away.
      assert.match(waiting, /Basic 4 sophie@boulangerie-martin.fr Transmise au revendeur/);
      const row = await h.ctx.db
        .selectFrom("licence_request")
        .selectAll()
        .where("sku", "=", "SPB")
        .executeTakeFirstOrThrow();
      assert.ok(Number(row.attempts) >= 2, "it was tried again");
      assert.ok(row.last_error);
      assert.equal((await inbox()).length, before);

      down = false;
      await licenceSenderOf(h.ctx)?.drain(later());
      assert.equal((await inbox()).length, before + 1);
      assert.match(
        pageText((await browser.get("/YPN/licences")).body),
        /Premium 7 .* Transmise au revendeur/,
      );
    });

    it("the reseller refuses a contact's request with a reason: the contact and the firm both read it", async () => {
      const received = (await inbox()).find((r) => r.skuPartNumber === "O365_BUSINESS_ESSENTIALS");
      assert.ok(received);
      const contact = await h.ctx.db
        .selectFrom("contact")
        .select("id")
        .where("email_normalized", "=", "sophie@boulangerie-martin.fr")
        .executeTakeFirstOrThrow();
      const browser = new PortalBrowser(h, "fr");
      await browser.signInContact(contact.id, firm.id);
      const refused = await decideLicenceRequest(
        identity.identity.ctx,
        { id: null, name: "nadia.roche@distrilog.onmicrosoft.com", source: "test" },
        reseller,
        received.id,
        { status: "declined", reason: "Passez plutôt à Business Standard" },
      );
      assert.equal(refused, true);
      assert.match(
        pageText((await browser.get("/YPN/espace/licences")).body),
        /Refusée — refusée par le revendeur : Passez plutôt à Business Standard/,
      );
      const staff = new PortalBrowser(h, "en");
      await staff.signInAs(admin);
      assert.match(
        pageText((await staff.get("/YPN/licences")).body),
        /Refused — declined by the reseller: Passez plutôt à Business Standard/,
      );
    });

    it("bad input gets a clear 400 and nothing is written", async () => {
      const browser = new PortalBrowser(h, "en");
      await browser.signInAs(admin);
      const count = async () => (await h.ctx.db.selectFrom("licence_request").select("id").execute()).length;
      const rows = await count();
      const sentToReseller = (await inbox()).length;
      for (const form of [
        { sku: "SPB", seats: "0", tenant: boulangerie },
        { sku: "SPB", seats: "10001", tenant: boulangerie },
        { sku: "NOPE", seats: "2", tenant: boulangerie },
      ]) {
        const bad = await ask(browser, form);
        assert.equal(bad.statusCode, 400);
        assert.match(pageText(bad.body), /Choose a licence, a number between 1 and 10,000/);
      }
      await licenceSenderOf(h.ctx)?.drain(later());
      assert.equal(await count(), rows);
      assert.equal((await inbox()).length, sentToReseller);
    });

    it("a refused token (wrong client secret) marks the request refused with the reason", async () => {
      const wrong = await startTestPortal(target, {
        authority: identity.identity.url,
        ca: identity.identity.ca,
        env: { SESAME_CLIENT_SECRET: "not-the-portal-secret" },
      });
      try {
        const { admin: other } = await seedTestFirm(wrong.ctx);
        const browser = new PortalBrowser(wrong, "en");
        await browser.signInAs(other);
        await browser.get("/YPN/licences");
        await browser.post("/YPN/licences", { sku: "SPB", seats: "1", tenant: boulangerie });
        await licenceSenderOf(wrong.ctx)?.drain(later());
        const text = pageText((await browser.get("/YPN/licences")).body);
        assert.match(text, /Refused — the portal's client secret is refused/);
        const row = await wrong.ctx.db.selectFrom("licence_request").selectAll().executeTakeFirstOrThrow();
        assert.match(row.last_error ?? "", /AADSTS7000215/);
      } finally {
        await wrong.close();
      }
    });
  });
}
