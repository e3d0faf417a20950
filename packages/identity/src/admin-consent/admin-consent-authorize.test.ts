import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { revokeApplication } from "../apps/application-grants";
import { PORTAL_CLIENT_ID, PORTAL_DEMO_SECRET } from "../demo/portal-application";
import {
  type AdminConsentWorld,
  answerConsent,
  location,
  PORTAL_REDIRECT,
  people,
  seedUrl,
  signedIn,
  startAdminConsentWorld,
} from "./admin-consent-test-support";

for (const target of await testTargets()) {
  describe(`consent on behalf of the organization at authorize (${target.label})`, () => {
    let w: AdminConsentWorld;
    before(async () => {
      w = await startAdminConsentWorld(target);
    });
    after(() => w.close());
    const grants = (clientAppId: string) =>
      w.h.identity.ctx.db
        .selectFrom("oauth2_permission_grant")
        .selectAll()
        .where("tenant_id", "=", w.tenantId)
        .where("client_app_id", "=", clientAppId)
        .execute();

    it("shows a plain user of a tenant without user consent Need admin approval, and sends nothing to the app", async () => {
      const emma = await signedIn(w.h, people.user);
      const page = await emma.get(seedUrl());
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /Need admin approval/);
      assert.match(page.body, /AADSTS90094/);
      assert.doesNotMatch(page.body, /on_behalf/);
      assert.equal(page.headers.location, undefined);
      const forced = await emma.get(seedUrl("&prompt=admin_consent"));
      assert.equal(forced.statusCode, 403);
      assert.match(forced.body, /Need admin approval/);
    });

    it("offers the Application Administrator to consent on behalf of the organization; then users sign in without a prompt", async () => {
      const lucas = await signedIn(w.h, people.appAdmin, "fr");
      const page = await lucas.get(seedUrl());
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Consentir au nom de votre organisation/);
      const done = await answerConsent(lucas, page, "accept", true);
      assert.equal(done.statusCode, 302);
      const back = location(done);
      assert.equal(`${back.origin}${back.pathname}`, PORTAL_REDIRECT);
      assert.ok(back.searchParams.get("code"));
      const rows = await grants(PORTAL_CLIENT_ID);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.consent_type, "AllPrincipals");
      assert.equal(rows[0]?.principal_id, null);
      assert.match(rows[0]?.scope ?? "", /User\.Read/);
      const sp = await w.h.identity.ctx.db
        .selectFrom("service_principal")
        .selectAll()
        .where("tenant_id", "=", w.tenantId)
        .where("app_id", "=", PORTAL_CLIENT_ID)
        .execute();
      assert.equal(sp.length, 1);
      const audit = await w.h.identity.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("tenant_id", "=", w.tenantId)
        .where("action", "=", "application.adminConsent")
        .execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]?.actor_name ?? "", /Lucas/);

      const emma = await signedIn(w.h, people.user);
      const signIn = await emma.get(seedUrl());
      assert.equal(signIn.statusCode, 302);
      assert.ok(location(signIn).searchParams.get("code"));
    });

    it("ends the organization's users' refresh tokens at the next request once the admin centre revokes the app", async () => {
      const emma = await signedIn(w.h, people.user);
      const code = location(await emma.get(seedUrl())).searchParams.get("code") ?? "";
      const token = (form: Record<string, string>) =>
        w.h.app.inject({
          method: "POST",
          url: "/common/oauth2/token",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({
            client_id: PORTAL_CLIENT_ID,
            client_secret: PORTAL_DEMO_SECRET,
            ...form,
          }).toString(),
        });
      const first = await token({ grant_type: "authorization_code", code, redirect_uri: PORTAL_REDIRECT });
      assert.equal(first.statusCode, 200, first.body);
      const refreshed = await token({
        grant_type: "refresh_token",
        refresh_token: first.json().refresh_token,
      });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      await revokeApplication(w.h.identity.ctx.db, w.tenantId, PORTAL_CLIENT_ID);
      const revoked = await token({
        grant_type: "refresh_token",
        refresh_token: refreshed.json().refresh_token,
      });
      assert.equal(revoked.statusCode, 400);
      assert.deepEqual(revoked.json().error_codes, [65001]);
      const again = await emma.get(seedUrl());
      assert.equal(again.statusCode, 403);
      assert.match(again.body, /Need admin approval/);
    });

    it("records only the admin's own consent when the box is left unticked", async () => {
      const sophie = await signedIn(w.h, people.globalAdmin);
      const url = `/organizations/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: w.reporting.clientId, redirect_uri: w.reporting.redirect, response_type: "code", scope: "openid User.Read" })}`;
      const page = await sophie.get(url);
      assert.match(page.body, /Consent on behalf of your organization/);
      const done = await answerConsent(sophie, page, "accept", false);
      assert.ok(location(done).searchParams.get("code"));
      const rows = await grants(w.reporting.clientId);
      assert.deepEqual(
        rows.map((r) => r.consent_type),
        ["Principal"],
      );
    });

    it("lets an Application Administrator grant delegated permissions but not Graph application permissions", async () => {
      const lucas = await signedIn(w.h, people.appAdmin);
      const url = `/organizations/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: w.reporting.clientId, redirect_uri: w.reporting.redirect, response_type: "code", scope: "openid User.Read", prompt: "admin_consent" })}`;
      const page = await lucas.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /for all users in Boulangerie Martin/);
      assert.doesNotMatch(page.body, /Organization\.Read\.All/);
      const done = await answerConsent(lucas, page, "accept", false);
      assert.ok(location(done).searchParams.get("code"));
      const rows = await grants(w.reporting.clientId);
      assert.ok(rows.some((r) => r.consent_type === "AllPrincipals"));
      const roles = await w.h.identity.ctx.db
        .selectFrom("app_role_assignment")
        .selectAll()
        .where("tenant_id", "=", w.tenantId)
        .where("client_app_id", "=", w.reporting.clientId)
        .execute();
      assert.equal(roles.length, 0);
    });

    it("lets the Global Administrator grant the Graph application permissions too (prompt=admin_consent, v1)", async () => {
      const sophie = await signedIn(w.h, people.globalAdmin);
      const url = `/organizations/oauth2/authorize?${new URLSearchParams({ client_id: w.reporting.clientId, redirect_uri: w.reporting.redirect, response_type: "code", resource: "https://graph.microsoft.com", prompt: "admin_consent" })}`;
      const page = await sophie.get(url);
      assert.match(page.body, /Organization\.Read\.All/);
      const done = await answerConsent(sophie, page, "accept", false);
      assert.ok(location(done).searchParams.get("code"));
      const roles = await w.h.identity.ctx.db
        .selectFrom("app_role_assignment")
        .selectAll()
        .where("tenant_id", "=", w.tenantId)
        .where("client_app_id", "=", w.reporting.clientId)
        .execute();
      assert.equal(roles.length, 1);
    });
  });
}
