import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { PortalBrowser, pageText, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { licenceSenderOf } from "./licence-senders";

for (const target of await testTargets()) {
  describe(`licence requests with real Microsoft Entra ID (${target.label})`, () => {
    it("stay in the portal for the firm's licence supplier, and nothing is sent", async () => {
      const calls: string[] = [];
      const h = await startTestPortal(target, {
        authority: "https://login.microsoftonline.com",
        fetch: async (url) => {
          calls.push(url);
          throw new Error("no network in this test");
        },
      });
      try {
        const { admin } = await seedTestFirm(h.ctx);
        const browser = new PortalBrowser(h, "fr");
        await browser.signInAs(admin);
        await browser.get("/YPN/licences");
        const sent = await browser.post("/YPN/licences", {
          sku: "SPB",
          seats: "2",
          tenant: "6b1f0a35-8a0c-4b43-9d5e-1f2a3b4c5d6e",
        });
        assert.equal(sent.statusCode, 303);
        assert.equal(licenceSenderOf(h.ctx), undefined);
        const text = pageText((await browser.get("/YPN/licences")).body);
        assert.match(text, /À traiter par le fournisseur du cabinet/);
        assert.match(text, /le cabinet transmet ces demandes à son fournisseur de licences/);
        assert.deepEqual(calls, []);
      } finally {
        await h.close();
      }
    });
  });
}
