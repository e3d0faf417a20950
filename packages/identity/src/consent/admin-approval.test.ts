import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { argon2Settings } from "../accounts/argon2-settings";
import { hashPassword } from "../accounts/password-hash";
import { createDeviceCode } from "../oauth/device/device-store";
import { s256Challenge } from "../oauth/pkce";
import { hashToken } from "../oauth/refresh-tokens";
import { createTestTenant, registerTestApp } from "../oauth/testing/oauth-fixtures";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const password = "Pain-Complet-93";

for (const target of await testTargets()) {
  describe(`work accounts and user consent (${target.label})`, () => {
    let h: IdentityHarness;
    let client: Awaited<ReturnType<typeof registerTestApp>>;
    let tenantId: string;
    const addWorkAccount = async (email: string) => {
      const now = Date.now();
      await h.identity.ctx.db
        .insertInto("account")
        .values({
          id: randomUUID(),
          tenant_id: tenantId,
          kind: "work",
          email,
          email_normalized: email,
          password_hash: await hashPassword(password, argon2Settings(h.identity.ctx.config)),
          display_name: "Paul Meunier",
          given_name: "Paul",
          family_name: "Meunier",
          country: "FR",
          birth_date: null,
          language: "fr",
          email_verified_at: now,
          marketing_consent_at: null,
          enabled: 1,
          created_at: now,
          updated_at: now,
          password_changed_at: now,
        })
        .execute();
    };
    const authorize = async (browser: Browser, email: string, scope: string) => {
      const url = `/organizations/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: client.clientId, redirect_uri: client.redirect, response_type: "code", scope, code_challenge: s256Challenge("x".repeat(43)), code_challenge_method: "S256", login_hint: email })}`;
      const first = await browser.get(url);
      const returnTo = new URL(String(first.headers.location), "https://x").searchParams.get("return") ?? "";
      await browser.get(String(first.headers.location));
      await browser.post("/login", { email, return: returnTo });
      let done = await browser.post("/login/password", { email, password, return: returnTo });
      if (done.statusCode === 200) {
        const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
        done = await browser.post("/login/kmsi", { return: returnTo, sid, answer: "no" });
      }
      return browser.get(String(done.headers.location));
    };
    before(async () => {
      h = await startTestIdentity(target);
      tenantId = await createTestTenant(h.identity.ctx, "Moulin");
      client = await registerTestApp(h.identity.ctx, {
        tenantId: await createTestTenant(h.identity.ctx, "Éditeur"),
        audience: "AzureADMultipleOrgs",
      });
      await addWorkAccount("paul@moulin.example");
    });
    after(() => h.close());

    it("lets a work account consent to ordinary permissions but asks an admin for admin-only ones", async () => {
      const page = await authorize(new Browser(h.app), "paul@moulin.example", "openid User.Read");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Accepter/);
      const adminOnly = await authorize(
        new Browser(h.app),
        "paul@moulin.example",
        "openid Directory.Read.All",
      );
      assert.equal(adminOnly.statusCode, 403);
      assert.match(adminOnly.body, /Approbation de l&#39;administrateur requise/);
    });

    it("shows Need admin approval when the tenant does not let users consent", async () => {
      await h.identity.ctx.db
        .updateTable("tenant")
        .set({ user_consent_allowed: 0 })
        .where("id", "=", tenantId)
        .execute();
      const page = await authorize(new Browser(h.app, "en"), "paul@moulin.example", "openid User.Read");
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /Need admin approval/);
      assert.doesNotMatch(page.body, /Accept</);
    });

    it("applies the same rule to the device code flow: no Accept, nothing granted, nothing approved", async () => {
      await h.identity.ctx.db
        .updateTable("tenant")
        .set({ user_consent_allowed: 0 })
        .where("id", "=", tenantId)
        .execute();
      const browser = new Browser(h.app, "en");
      await authorize(browser, "paul@moulin.example", "openid User.Read");
      const { deviceCode, userCode } = await createDeviceCode(h.identity.ctx.db, {
        clientId: client.clientId,
        scope: "openid offline_access User.Read",
        tenantSegment: "organizations",
      });
      await browser.get("/devicelogin");
      const entered = await browser.post("/devicelogin", { code: userCode });
      assert.equal(entered.statusCode, 403);
      assert.match(entered.body, /Need admin approval/);
      assert.doesNotMatch(entered.body, /Accept</);
      const forced = await browser.post("/devicelogin/confirm", { request: userCode, decision: "accept" });
      assert.equal(forced.statusCode, 403, "a forged Accept is refused too");
      const grants = await h.identity.ctx.db
        .selectFrom("oauth2_permission_grant")
        .selectAll()
        .where("client_app_id", "=", client.clientId)
        .execute();
      assert.deepEqual(grants, []);
      const pending = await h.identity.ctx.db
        .selectFrom("device_code")
        .select("status")
        .where("device_code_hash", "=", hashToken(deviceCode))
        .executeTakeFirstOrThrow();
      assert.equal(pending.status, "pending");
    });
  });
}
