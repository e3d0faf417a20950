import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { demoPersonalAccount } from "@sesame/identity/demo/demo-data";
import type { IdentityHarness } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { insertDossier } from "../dossiers/dossier-queries";
import { type Firm, insertStaff } from "../firms/firm-queries";
import { createInvitation } from "../invitations/invitation-queries";
import { clickThroughIdentity } from "../testing/identity-clickthrough";
import { PortalBrowser, type PortalHarness, pageText, seedTestFirm } from "../testing/portal-harness";
import { type PortalWithIdentity, startPortalWithIdentity } from "../testing/with-identity";

for (const target of await testTargets()) {
  describe(`sign-in with Microsoft through openid-client against identity (${target.label})`, () => {
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

    it("an invited person signs in with their personal account, is matched once, and sees their dossier", async () => {
      const dossier = await insertDossier(h.ctx.db, firm.id, {
        name: "Boulangerie Martin",
        siren: "812345676",
        siret: null,
        address: "x",
        accountantId: null,
        status: "active",
      });
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Camille",
        lastName: "Durand",
        email: demoPersonalAccount.email,
        phone: null,
        language: "fr",
      });
      await linkDossier(h.ctx.db, contact.id, {
        dossierId: dossier.id,
        read: true,
        upload: true,
        approve: false,
      });
      const { token } = await createInvitation(h.ctx.db, firm.id, contact.id);
      const person = new PortalBrowser(h);
      const start = await person.get(`/YPN/guide/${token}/signin`);
      assert.equal(start.statusCode, 302);
      const authorize = new URL(String(start.headers.location));
      assert.equal(authorize.origin, identity.identity.url);
      assert.equal(authorize.pathname, "/common/oauth2/v2.0/authorize");
      assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
      assert.ok(authorize.searchParams.get("nonce") && authorize.searchParams.get("state"));
      const back = await clickThroughIdentity(identity.app, authorize.href, demoPersonalAccount);
      assert.equal(back.origin + back.pathname, "https://localhost:8444/auth/callback");
      const callback = await person.get(back.pathname + back.search);
      assert.equal(callback.statusCode, 303, pageText(callback.body));
      assert.equal(callback.headers.location, "/YPN/espace");
      assert.match(
        String(callback.headers["set-cookie"]),
        /__Host-portal_session=.*Secure.*HttpOnly|__Host-portal_session=.*HttpOnly.*Secure/i,
      );
      const space = await person.get("/YPN/espace");
      assert.match(pageText(space.body), /Bonjour Camille Durand/);
      assert.match(pageText(space.body), /Boulangerie Martin/);
      const bound = await h.ctx.db
        .selectFrom("contact")
        .select(["tid", "oid"])
        .where("id", "=", contact.id)
        .executeTakeFirstOrThrow();
      assert.equal(bound.tid, "9188040d-6c67-4c5b-b112-36a304b66dad");
      assert.ok(bound.oid);
      // The callback's state is single use.
      const replay = await new PortalBrowser(h).get(back.pathname + back.search);
      assert.equal(replay.statusCode, 400);
    });

    it("signing out ends the portal session and signs out at identity too", async () => {
      const person = new PortalBrowser(h);
      const start = await person.get("/YPN/signin/client");
      const back = await clickThroughIdentity(
        identity.app,
        String(start.headers.location),
        demoPersonalAccount,
      );
      const callback = await person.get(back.pathname + back.search);
      assert.equal(callback.statusCode, 303, pageText(callback.body));
      assert.equal((await person.get("/YPN/espace")).statusCode, 200);
      const out = await person.get("/auth/signout");
      assert.equal(out.statusCode, 302);
      const end = new URL(String(out.headers.location));
      assert.equal(end.origin, identity.identity.url);
      assert.match(end.pathname, /\/oauth2\/v2.0\/logout$/);
      assert.ok(end.searchParams.get("id_token_hint"));
      assert.equal((await person.get("/YPN/espace")).statusCode, 302);
    });

    it("firm staff sign in on /organizations with a work account of the firm's tenant", async () => {
      const staff = await insertStaff(h.ctx.db, {
        firmId: firm.id,
        email: "yves.prigent@ypn-expertise.fr",
        displayName: "Yves Prigent",
        role: "admin",
        expectedTenant: "ypn-expertise.fr",
      });
      const browser = new PortalBrowser(h);
      const start = await browser.get("/YPN/signin/microsoft");
      const authorize = new URL(String(start.headers.location));
      assert.equal(
        authorize.pathname,
        "/organizations/v2.0/authorize".replace("/v2.0/authorize", "/oauth2/v2.0/authorize"),
      );
      const back = await clickThroughIdentity(identity.app, authorize.href, {
        email: "yves.prigent@ypn-expertise.fr",
        password: "Cabinet-Associe-31",
      });
      const callback = await browser.get(back.pathname + back.search);
      assert.equal(callback.statusCode, 303, pageText(callback.body));
      assert.equal(callback.headers.location, "/YPN/dossiers");
      assert.equal((await browser.get("/YPN/dossiers")).statusCode, 200);
      const bound = await h.ctx.db
        .selectFrom("staff")
        .select(["tid", "oid", "first_signin_at"])
        .where("id", "=", staff.id)
        .executeTakeFirstOrThrow();
      assert.ok(bound.tid && bound.oid && bound.first_signin_at);
    });

    it("a work account that is not on the staff is refused with a clear page", async () => {
      const browser = new PortalBrowser(h);
      const start = await browser.get("/YPN/signin/microsoft");
      const back = await clickThroughIdentity(identity.app, String(start.headers.location), {
        email: "claire.lefevre@ypn-expertise.fr",
        password: "Bilan-Annuel-2024",
      });
      const callback = await browser.get(back.pathname + back.search);
      assert.equal(callback.statusCode, 403);
      assert.match(pageText(callback.body), /ne fait pas partie de l'équipe du cabinet/);
    });

    it("a personal account signing in without an invitation is not taken for an invited person with the same address", async () => {
      const other = await seedTestFirm(h.ctx, "ABC");
      await insertContact(h.ctx.db, other.firm.id, {
        civility: "mme",
        firstName: "Camille",
        lastName: "Durand",
        email: demoPersonalAccount.email,
        phone: null,
        language: "fr",
      });
      const browser = new PortalBrowser(h);
      const start = await browser.get("/ABC/signin/client");
      const back = await clickThroughIdentity(
        identity.app,
        String(start.headers.location),
        demoPersonalAccount,
      );
      const callback = await browser.get(back.pathname + back.search);
      assert.equal(callback.statusCode, 403);
      assert.match(pageText(callback.body), /lien d'invitation/);
    });
  });
}
