import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { demoPersonalAccount } from "../demo/demo-data";
import { Browser } from "../testing/identity-harness";
import {
  type AdminConsentWorld,
  answerConsent,
  location,
  people,
  signedIn,
  startAdminConsentWorld,
} from "./admin-consent-test-support";

for (const target of await testTargets()) {
  describe(`the /adminconsent endpoints (${target.label})`, () => {
    let w: AdminConsentWorld;
    before(async () => {
      w = await startAdminConsentWorld(target);
    });
    after(() => w.close());
    const v1 = (tenant: string, redirect = w.reporting.redirect) =>
      `/${tenant}/adminconsent?${new URLSearchParams({ client_id: w.reporting.clientId, redirect_uri: redirect, state: "s-1" })}`;
    const v2 = (tenant: string, scope = "https://graph.microsoft.com/.default") =>
      `/${tenant}/v2.0/adminconsent?${new URLSearchParams({ client_id: w.reporting.clientId, redirect_uri: w.reporting.redirect, state: "s-2", scope })}`;
    const held = async () => {
      const db = w.h.identity.ctx.db;
      const count = async (table: "service_principal" | "oauth2_permission_grant" | "app_role_assignment") =>
        (
          await db
            .selectFrom(table)
            .select("id")
            .where("tenant_id", "=", w.tenantId)
            .where(table === "service_principal" ? "app_id" : "client_app_id", "=", w.reporting.clientId)
            .execute()
        ).length;
      return {
        sp: await count("service_principal"),
        grants: await count("oauth2_permission_grant"),
        roles: await count("app_role_assignment"),
      };
    };

    it("refuses /common, an unregistered redirect URI, and sends a signed-out admin to the login page", async () => {
      const anyone = new Browser(w.h.app, "en");
      const common = await anyone.get(v1("common"));
      assert.equal(common.statusCode, 400);
      assert.match(common.body, /Wrong admin consent address/);
      const wrong = await anyone.get(v1("organizations", "https://evil.example/cb"));
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /AADSTS50011/);
      const login = await anyone.get(v1("boulangerie-martin.fr"));
      assert.equal(login.statusCode, 302);
      assert.match(
        String(login.headers.location),
        /^\/login\?return=%2Fboulangerie-martin\.fr%2Fadminconsent/,
      );
    });

    it("shows a plain user Need admin approval and an Application Administrator too when Graph app roles are asked", async () => {
      for (const who of [people.user, people.appAdmin]) {
        const browser = await signedIn(w.h, who);
        const page = await browser.get(v2("organizations"));
        assert.equal(page.statusCode, 403);
        assert.match(page.body, /Need admin approval/);
      }
      assert.deepEqual(await held(), { sp: 0, grants: 0, roles: 0 });
    });

    it("tells a personal account that it is not a member of the organization (AADSTS50020), granting nothing", async () => {
      const personal = await signedIn(w.h, demoPersonalAccount);
      const back = location(await personal.get(v1(w.tenantId)));
      assert.equal(`${back.origin}${back.pathname}`, w.reporting.redirect);
      assert.match(
        back.searchParams.get("error_description") ?? "",
        /^AADSTS50020: User account '.+' from identity provider 'live\.com' does not exist in tenant/,
      );
      assert.equal(back.searchParams.get("state"), "s-1");
      assert.deepEqual(await held(), { sp: 0, grants: 0, roles: 0 });
    });

    it("answers a declined admin consent with consent_required and AADSTS65004, granting nothing", async () => {
      const sophie = await signedIn(w.h, people.globalAdmin);
      const page = await sophie.get(v1(w.tenantId));
      assert.equal(page.statusCode, 200);
      const done = await answerConsent(sophie, page, "cancel", false);
      const back = location(done);
      assert.equal(back.searchParams.get("admin_consent"), "True");
      assert.equal(back.searchParams.get("error"), "consent_required");
      assert.match(back.searchParams.get("error_description") ?? "", /^AADSTS65004: /);
      assert.equal(back.searchParams.get("state"), "s-1");
      assert.deepEqual(await held(), { sp: 0, grants: 0, roles: 0 });
    });

    it("v1: the Global Administrator's consent comes back with admin_consent=True, the tenant and the state", async () => {
      const sophie = await signedIn(w.h, people.globalAdmin);
      const page = await sophie.get(v1("boulangerie-martin.fr"));
      assert.match(page.body, /Organization\.Read\.All/);
      const back = location(await answerConsent(sophie, page, "accept", false));
      assert.equal(`${back.origin}${back.pathname}`, w.reporting.redirect);
      assert.deepEqual(Object.fromEntries(back.searchParams), {
        admin_consent: "True",
        tenant: w.tenantId,
        state: "s-1",
      });
      assert.deepEqual(await held(), { sp: 1, grants: 1, roles: 1 });
    });

    it("v2: answers with the granted scope; client credentials then work until the admin centre revokes them", async () => {
      const sophie = await signedIn(w.h, people.globalAdmin);
      const page = await sophie.get(v2("organizations"));
      const back = location(await answerConsent(sophie, page, "accept", false));
      assert.equal(back.searchParams.get("admin_consent"), "True");
      assert.equal(back.searchParams.get("tenant"), w.tenantId);
      assert.equal(back.searchParams.get("state"), "s-2");
      assert.match(
        back.searchParams.get("scope") ?? "",
        /https:\/\/graph\.microsoft\.com\/Organization\.Read\.All/,
      );
      const token = () =>
        w.h.app.inject({
          method: "POST",
          url: `/${w.tenantId}/oauth2/v2.0/token`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: w.reporting.clientId,
            client_secret: w.reporting.secret,
            scope: "https://graph.microsoft.com/.default",
          }).toString(),
        });
      const granted = await token();
      assert.equal(granted.statusCode, 200, granted.body);
      const { revokeApplication } = await import("../apps/application-grants");
      await revokeApplication(w.h.identity.ctx.db, w.tenantId, w.reporting.clientId);
      const revoked = await token();
      assert.equal(revoked.statusCode, 400);
      assert.deepEqual(revoked.json().error_codes, [65001]);
    });
  });
}
