import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newAccountRow } from "@sesame/identity/accounts/new-account";
import { newPersonalObjectId } from "@sesame/identity/accounts/object-id";
import { CONSUMER_TENANT_ID } from "@sesame/identity/config";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import { refreshReadiness } from "../readiness/readiness-operations";
import { PortalBrowser, pageText, seedTestFirm } from "../testing/portal-harness";
import { type PortalWithIdentity, startPortalWithIdentity } from "../testing/with-identity";

for (const target of await testTargets()) {
  describe(`the firm hears when a client creates their account (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let firm: Firm;
    let admin: Staff;
    before(async () => {
      stack = await startPortalWithIdentity(target);
      ({ firm, admin } = await seedTestFirm(stack.portal.ctx));
    });
    after(() => stack.close());

    it("readiness moving from no account to a personal account is one notification, not one per check", async () => {
      const { ctx } = stack.portal;
      const email = "lea.nouvelle@gmail.com";
      const contact = await insertContact(ctx.db, firm.id, {
        civility: "mme",
        firstName: "Léa",
        lastName: "Nouvelle",
        email,
        phone: null,
        language: "fr",
      });
      assert.equal((await refreshReadiness(ctx, contact)).kind, "none");
      assert.equal((await refreshReadiness(ctx, contact)).kind, "none");
      const browser = new PortalBrowser(stack.portal, "en");
      await browser.signInAs(admin);
      assert.match(pageText((await browser.get("/YPN/notifications")).body), /No notifications yet/);
      // Léa creates her free Microsoft account at identity, as the guide's sign-up link lets her.
      await stack.identity.identity.ctx.db
        .insertInto("account")
        .values(
          newAccountRow({
            id: newPersonalObjectId(),
            tenantId: CONSUMER_TENANT_ID,
            kind: "personal",
            email,
            passwordHash: "not-used",
            displayName: "Léa Nouvelle",
          }),
        )
        .execute();
      assert.equal((await refreshReadiness(ctx, contact)).kind, "personal");
      assert.equal((await refreshReadiness(ctx, contact)).kind, "personal");
      const text = pageText((await browser.get("/YPN/notifications")).body);
      assert.equal(text.match(/Léa Nouvelle created their Microsoft account/g)?.length, 1);
    });
  });
}
