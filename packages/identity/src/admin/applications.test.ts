import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { addRedirectUri, createApplication } from "../apps/app-queries";
import { recordUserConsent } from "../consent/consent-queries";
import { type SeededOrganization, seedOrganization } from "../demo/organization-seed";
import { fastArgon2, signIn } from "../tenants/directory-test-support";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const GRAPH = "00000003-0000-0000-c000-000000000000";

for (const target of await testTargets()) {
  describe(`admin centre: enterprise applications (${target.label})`, () => {
    let h: IdentityHarness;
    let org: SeededOrganization;
    let appId: string;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      org = await seedOrganization(h.identity.ctx, {
        displayName: "Pharmacie Test",
        country: "FR",
        prefix: "pharmacietest",
        users: [
          {
            userName: "chef",
            displayName: "Chef",
            password: "Chef-Secret-123",
            roles: ["globalAdministrator"],
          },
          {
            userName: "apps",
            displayName: "Apps",
            password: "Apps-Secret-123",
            roles: ["applicationAdministrator"],
          },
          {
            userName: "users",
            displayName: "Users",
            password: "Users-Secret-123",
            roles: ["userAdministrator"],
          },
          { userName: "staff", displayName: "Staff", password: "Staff-Secret-123" },
        ],
      });
      const client = await createApplication(h.identity.ctx.db, {
        displayName: "Portail Cabinet Test",
        publisher: "Cabinet Test",
        signInAudience: "AzureADMultipleOrgs",
        tenantId: org.tenant.id,
      });
      appId = client.app_id;
      await addRedirectUri(h.identity.ctx.db, client.id, "https://portail.example/auth", "web");
      await addRedirectUri(h.identity.ctx.db, client.id, "https://portail.example/spa/", "spa");
      await addRedirectUri(h.identity.ctx.db, client.id, "http://localhost", "public");
      const now = Date.now();
      await h.identity.ctx.db
        .insertInto("oauth2_permission_grant")
        .values({
          id: crypto.randomUUID(),
          client_app_id: appId,
          consent_type: "AllPrincipals",
          principal_id: null,
          tenant_id: org.tenant.id,
          resource_app_id: GRAPH,
          scope: "User.Read openid profile",
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordUserConsent(h.identity.ctx.db, {
        clientAppId: appId,
        resourceAppId: GRAPH,
        tenantId: org.tenant.id,
        principalId: org.users.get("staff")?.id ?? "",
        scopes: ["User.Read"],
      });
    });
    after(() => h.close());

    const as = async (user: string) => {
      const browser = new Browser(h.app, "en");
      await signIn(
        browser,
        `${user}@pharmacietest.onmicrosoft.com`,
        `${user[0]?.toUpperCase()}${user.slice(1)}-Secret-123`,
      );
      return browser;
    };

    it("lists the applications with their admin and user grants", async () => {
      const browser = await as("chef");
      const page = await browser.get("/admin/applications");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Portail Cabinet Test/);
      assert.match(page.body, /User\.Read openid profile/);
      assert.match(page.body, /All users \(admin consent\)/);
      assert.match(page.body, /staff@pharmacietest\.onmicrosoft\.com/);
    });

    it("lists the organization's app registrations with their redirect URIs by platform (EN and FR)", async () => {
      const browser = await as("chef");
      const en = (await browser.get("/admin/applications")).body;
      const section = en.slice(en.indexOf("App registrations"));
      assert.match(
        section,
        /Portail Cabinet Test.*Redirect URIs.*<h5>Web<\/h5><ul><li><code>https:\/\/portail\.example\/auth<\/code>.*<h5>Single-page application<\/h5><ul><li><code>https:\/\/portail\.example\/spa\/<\/code>.*<h5>Mobile and desktop applications<\/h5><ul><li><code>http:\/\/localhost<\/code>/s,
      );
      const fr = new Browser(h.app, "fr");
      await signIn(fr, "chef@pharmacietest.onmicrosoft.com", "Chef-Secret-123");
      const page = (await fr.get("/admin/applications")).body;
      assert.match(page, /Inscriptions d&#39;applications/);
      assert.match(page, /URI de redirection/);
      assert.match(
        page,
        /Application monopage \(SPA\)<\/h5><ul><li><code>https:\/\/portail\.example\/spa\/<\/code>/,
      );
      assert.match(page, /Applications mobiles et de bureau/);
    });

    it("does not let a User Administrator revoke an application", async () => {
      const browser = await as("users");
      await browser.get("/admin/applications");
      const response = await browser.post("/admin/applications/revoke", { appId });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /Your role does not allow this action/);
    });

    it("lets an Application Administrator revoke every grant of an application", async () => {
      const browser = await as("apps");
      await browser.get("/admin/applications");
      const response = await browser.post("/admin/applications/revoke", { appId });
      assert.equal(response.statusCode, 303);
      const left = await h.identity.ctx.db
        .selectFrom("oauth2_permission_grant")
        .select("id")
        .where("tenant_id", "=", org.tenant.id)
        .execute();
      assert.equal(left.length, 0);
      const page = await browser.get("/admin/applications?done=1");
      assert.match(page.body, /No application has been allowed/);
    });
  });
}
