import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { IdentityHarness } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findContactByEmail, insertContact } from "../contacts/contact-queries";
import type { Firm } from "../firms/firm-queries";
import { createInvitation } from "../invitations/invitation-queries";
import { checkReadiness } from "../readiness/check-readiness";
import { saveReadiness } from "../readiness/readiness-queries";
import { clickThroughIdentity } from "../testing/identity-clickthrough";
import { PortalBrowser, type PortalHarness, pageText, seedTestFirm } from "../testing/portal-harness";
import { type PortalWithIdentity, startPortalWithIdentity } from "../testing/with-identity";
import { approvalLink } from "./approval-link";
import { newConsentState } from "./consent-queries";

for (const target of await testTargets()) {
  describe(`the approval link, answered by identity, lands in the consent registry (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let identity: IdentityHarness;
    let h: PortalHarness;
    let firm: Firm;
    before(async () => {
      stack = await startPortalWithIdentity(target);
      ({ identity, portal: h } = stack);
      ({ firm } = await seedTestFirm(h.ctx));
    });
    after(() => stack.close());

    it("the client's Global Administrator approves; the portal redeems the code and records who, when and what", async () => {
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Emma",
        lastName: "Petit",
        email: "emma.petit@boulangerie-martin.fr",
        phone: null,
        language: "fr",
      });
      const before = await checkReadiness(h.ctx, firm.id, contact.email);
      assert.deepEqual([before.kind, before.consent], ["work", "pending"]);
      // A colleague of the same organization, checked before the approval: pending too.
      const colleague = await insertContact(h.ctx.db, firm.id, {
        civility: "m",
        firstName: "Lucas",
        lastName: "Bernard",
        email: "lucas.bernard@boulangerie-martin.fr",
        phone: null,
        language: "fr",
      });
      for (const c of [contact, colleague])
        await saveReadiness(h.ctx.db, c.id, await checkReadiness(h.ctx, firm.id, c.email));
      const link = approvalLink({
        authority: identity.identity.url,
        clientId: h.ctx.config.SESAME_CLIENT_ID,
        portalOrigin: h.ctx.origin,
        firmCode: firm.code,
        state: await newConsentState(h.ctx.db, firm.id, contact.id),
      });
      const back = await clickThroughIdentity(
        identity.app,
        link,
        { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" },
        { onBehalfOfOrganization: true },
      );
      assert.equal(back.origin + back.pathname, "https://localhost:8444/YPN/authorize");
      const page = await new PortalBrowser(h).get(back.pathname + back.search);
      assert.equal(page.statusCode, 200, pageText(page.body));
      const text = pageText(page.body);
      const parisDay = new Date().toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" });
      assert.match(text, new RegExp(`Approuvée par Sophie Martin le ${parisDay.replace(/\//g, "\\/")}`));
      assert.match(text, /approuvé l'application de Cabinet YPN\./);
      assert.doesNotMatch(text, /du cabinet Cabinet/);
      assert.match(page.body, /<a href="\/YPN\/signin">se connecter à l&#39;espace collaboratif<\/a>/);
      const row = await h.ctx.db.selectFrom("tenant_consent").selectAll().executeTakeFirstOrThrow();
      assert.equal(row.tenant_id, before.tenantId);
      assert.equal(row.consented_by_name, "Sophie Martin");
      assert.match(row.permissions, /User\.Read/);
      const after = await checkReadiness(h.ctx, firm.id, contact.email);
      assert.equal(after.consent, "approved");
      // The callback updated every contact of that tenant at once, without a new check.
      const stored = await h.ctx.db
        .selectFrom("contact")
        .select(["email", "readiness_consent"])
        .where("readiness_tenant_id", "=", before.tenantId)
        .orderBy("email")
        .execute();
      assert.deepEqual(
        stored.map((c) => c.readiness_consent),
        ["approved", "approved"],
      );
    });

    it("once approved, the invited work account signs in and is bound to its tenant", async () => {
      const contact = await findContactByEmail(h.ctx.db, firm.id, "emma.petit@boulangerie-martin.fr");
      assert.ok(contact);
      await saveReadiness(h.ctx.db, contact.id, await checkReadiness(h.ctx, firm.id, contact.email));
      const { token } = await createInvitation(h.ctx.db, firm.id, contact.id);
      const emma = new PortalBrowser(h);
      const guide = await emma.get(`/YPN/guide/${token}`);
      assert.match(pageText(guide.body), /Se connecter avec Microsoft/);
      const start = await emma.get(`/YPN/guide/${token}/signin`);
      const back = await clickThroughIdentity(identity.app, String(start.headers.location), {
        email: contact.email,
        password: "Farine-Levain-29",
      });
      const callback = await emma.get(back.pathname + back.search);
      assert.equal(callback.statusCode, 303, pageText(callback.body));
      const bound = await findContactByEmail(h.ctx.db, firm.id, contact.email);
      assert.equal(bound?.tid, bound?.readiness_tenant_id);
    });
  });
}
