import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { grantTenantWide } from "@sesame/identity/consent/tenant-wide-grant";
import type { IdentityHarness } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findTenantConsent, recordTenantConsent } from "../consent/consent-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import { PortalBrowser, type PortalHarness, seedTestFirm } from "../testing/portal-harness";
import { type PortalWithIdentity, startPortalWithIdentity } from "../testing/with-identity";
import { checkReadiness } from "./check-readiness";
import { CONSUMER_TENANT_ID } from "./readiness-rules";

for (const target of await testTargets()) {
  describe(`account readiness through identity's discovery endpoints over HTTPS (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let identity: IdentityHarness;
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    let boulangerie: string;
    before(async () => {
      stack = await startPortalWithIdentity(target);
      ({ identity, portal: h } = stack);
      ({ firm, admin } = await seedTestFirm(h.ctx));
      const doc = await identity.app.inject({
        method: "GET",
        url: "/boulangerie-martin.fr/v2.0/.well-known/openid-configuration",
      });
      boulangerie = /\/([0-9a-f-]{36})\/v2\.0$/.exec(doc.json().issuer)?.[1] ?? "";
    });
    after(() => stack.close());

    it("an address nobody knows has no Microsoft account", async () => {
      const r = await checkReadiness(h.ctx, firm.id, "client.collaboratif@gmail.com");
      assert.equal(r.kind, "none");
      assert.equal(r.tenantId, null);
    });

    it("a personal Microsoft account belongs to the consumer tenant and needs no approval", async () => {
      const r = await checkReadiness(h.ctx, firm.id, "camille.durand@outlook.fr");
      assert.equal(r.kind, "personal");
      assert.equal(r.tenantId, CONSUMER_TENANT_ID);
      assert.equal(r.consent, "not_needed");
    });

    it("a work account is found in its tenant, with approval pending until the tenant approves", async () => {
      const r = await checkReadiness(h.ctx, firm.id, "emma.petit@boulangerie-martin.fr");
      assert.equal(r.kind, "work");
      assert.equal(r.tenantId, boulangerie);
      assert.equal(r.domain, "boulangerie-martin.fr");
      assert.equal(r.consent, "pending");
    });

    it("a work account of a tenant in the consent registry is ready", async () => {
      await recordTenantConsent(h.ctx.db, {
        firmId: firm.id,
        tenantId: boulangerie,
        byOid: "x",
        byName: "Sophie Martin",
        permissions: "User.Read",
      });
      // …and, as the real approval does, identity holds the tenant-wide grant.
      await grantTenantWide(
        identity.identity.ctx.db,
        {
          tenantId: boulangerie,
          client: { appId: h.ctx.config.SESAME_CLIENT_ID, displayName: "Portail" },
          delegated: [{ resourceAppId: GRAPH_APP_ID, scopes: ["openid", "User.Read"] }],
          appRoles: [],
        },
        { id: null, name: "Sophie Martin", source: "test" },
      );
      const r = await checkReadiness(h.ctx, firm.id, "emma.petit@boulangerie-martin.fr");
      assert.equal(r.consent, "approved");
      assert.equal((await findTenantConsent(h.ctx.db, firm.id, boulangerie))?.revoked_at, null);
    });

    it("a mistyped address in a domain an organization verified: that organization, the address not found there (fr and en)", async () => {
      const r = await checkReadiness(h.ctx, firm.id, "nobody@boulangerie-martin.fr");
      assert.equal(r.kind, "not_found");
      assert.equal(r.organization, "Boulangerie Martin");
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      const fr = await browser.get("/YPN/readiness?email=nobody%40boulangerie-martin.fr", {
        accept: "application/json",
        "accept-language": "fr",
      });
      assert.equal(
        fr.json().message,
        "Le domaine boulangerie-martin.fr appartient à l'organisation Microsoft 365 Boulangerie Martin, mais cette adresse n'y a pas été trouvée : vérifiez l'orthographe, ou demandez à son administrateur.",
      );
      const en = await browser.get("/YPN/readiness?email=nobody%40boulangerie-martin.fr", {
        accept: "application/json",
        "accept-language": "en",
      });
      assert.match(
        en.json().message,
        /belongs to the Microsoft 365 organization Boulangerie Martin, but this address was not found there: check the spelling, or ask their administrator/,
      );
    });

    it("the firm sees the result live as JSON while typing, and a bad address is a 400", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      const live = await browser.get("/YPN/readiness?email=camille.durand%40outlook.fr", {
        accept: "application/json",
      });
      assert.equal(live.statusCode, 200);
      assert.equal(live.json().kind, "personal");
      assert.match(live.json().message, /Compte Microsoft personnel/);
      const bad = await browser.get("/YPN/readiness?email=nope", { accept: "application/json" });
      assert.equal(bad.statusCode, 400);
      const anonymous = await new PortalBrowser(h).get("/YPN/readiness?email=camille.durand%40outlook.fr");
      assert.equal(anonymous.statusCode, 302);
    });
  });
}
