import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type SeededOrganization, seedOrganization } from "../demo/organization-seed";
import { listSubscriptions } from "../licences/licence-queries";
import { fastArgon2, signIn } from "../tenants/directory-test-support";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const GA = "62e90394-69f5-4237-9190-012177145e10";
const BUSINESS_STANDARD = "f245ecc8-75af-4f8e-b61f-27d8114de5f3";

for (const target of await testTargets()) {
  describe(`admin centre (${target.label})`, () => {
    let h: IdentityHarness;
    let org: SeededOrganization;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      org = await seedOrganization(h.identity.ctx, {
        displayName: "Boulangerie Test",
        country: "FR",
        prefix: "boulangerietest",
        customDomain: "boulangerie-test.fr",
        subscriptions: [{ sku: "O365_BUSINESS_PREMIUM", seats: 1 }],
        users: [
          {
            userName: "patron",
            displayName: "Jean Patron",
            password: "Patron-Secret-1",
            roles: ["globalAdministrator"],
          },
          { userName: "vendeuse", displayName: "Léa Vendeuse", password: "Vendeuse-Secret-1" },
        ],
      });
    });
    after(() => h.close());

    async function admin(language: "fr" | "en" = "en") {
      const browser = new Browser(h.app, language);
      await signIn(browser, "patron@boulangerie-test.fr", "Patron-Secret-1");
      return browser;
    }
    const idOf = (name: string) => org.users.get(name)?.id ?? "";

    it("sends a signed-out visitor to the login page, coming back to the admin centre", async () => {
      const response = await new Browser(h.app).get("/admin/users");
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/login?return=%2Fadmin%2Fusers");
    });

    it("shows a plain user a 403 page", async () => {
      const browser = new Browser(h.app, "en");
      await signIn(browser, "vendeuse@boulangerie-test.fr", "Vendeuse-Secret-1");
      const response = await browser.get("/admin");
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /has no administrator role/);
    });

    it("names each page once in its title: the home is the centre itself, a section adds its own name", async () => {
      const browser = await admin("fr");
      const home = await browser.get("/admin");
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<title>Centre d&#39;administration · Sésame<\/title>/);
      const users = await browser.get("/admin/users");
      assert.match(users.body, /<title>[^<·]+ · Centre d&#39;administration · Sésame<\/title>/);
    });

    it("lets a Global Administrator create a user, give a role and a licence, and logs it all", async () => {
      const browser = await admin();
      const page = await browser.get("/admin/users");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Léa Vendeuse/);
      const created = await browser.post("/admin/users", {
        displayName: "Marc Mitron",
        userName: "marc",
        domain: "boulangerie-test.fr",
        jobTitle: "Mitron",
        password: "",
        mustChange: "1",
      });
      assert.equal(created.statusCode, 200);
      assert.match(created.body, /Temporary password of marc@boulangerie-test\.fr: \S+/);
      const marc = await h.identity.ctx.db
        .selectFrom("account")
        .selectAll()
        .where("email_normalized", "=", "marc@boulangerie-test.fr")
        .executeTakeFirstOrThrow();
      assert.equal(marc.must_change_password, 1);
      assert.equal(marc.job_title, "Mitron");
      await browser.get(`/admin/users/${marc.id}`);
      const role = await browser.post(`/admin/users/${marc.id}/roles`, {
        roleId: "fe930be7-5e62-47db-91af-98c3a49a38b1",
      });
      assert.equal(role.statusCode, 303);
      const licence = await browser.post(`/admin/users/${marc.id}/licences`, { skuId: BUSINESS_STANDARD });
      assert.equal(licence.statusCode, 303);
      const detail = await browser.get(`/admin/users/${marc.id}?done=1`);
      assert.match(detail.body, /User Administrator/);
      assert.match(detail.body, /Microsoft 365 Business Standard/);
      const audit = await browser.get("/admin/audit");
      for (const action of ["user.create", "role.assign", "licence.assign"])
        assert.match(audit.body, new RegExp(action));
      assert.match(audit.body, /patron@boulangerie-test\.fr/);
    });

    it("refuses a licence past the seat count, with a message and no write", async () => {
      const browser = await admin();
      await browser.get(`/admin/users/${idOf("vendeuse")}`);
      const response = await browser.post(`/admin/users/${idOf("vendeuse")}/licences`, {
        skuId: BUSINESS_STANDARD,
      });
      assert.equal(response.statusCode, 409);
      assert.match(
        response.body,
        /role="alert">All Microsoft 365 Business Standard licenses \(1\) are assigned/,
      );
      const [subscription] = await listSubscriptions(h.identity.ctx.db, org.tenant.id);
      assert.equal(subscription?.assigned, 1);
    });

    it("refuses to remove the last Global Administrator", async () => {
      const browser = await admin();
      await browser.get(`/admin/users/${idOf("patron")}`);
      const response = await browser.post(`/admin/users/${idOf("patron")}/roles/remove`, { roleId: GA });
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /last active Global Administrator/);
      const blocked = await browser.post(`/admin/users/${idOf("patron")}/enabled`, { enabled: "0" });
      assert.equal(blocked.statusCode, 409);
    });

    it("refuses a duplicate domain and a wrong verification value, then verifies with the right one", async () => {
      const browser = await admin();
      await browser.get("/admin/domains");
      const duplicate = await browser.post("/admin/domains", { name: "boulangerie-test.fr" });
      assert.equal(duplicate.statusCode, 409);
      assert.match(duplicate.body, /already added to an organization/);
      const added = await browser.post("/admin/domains", { name: "fournil-test.fr" });
      assert.equal(added.statusCode, 303);
      const page = await browser.get("/admin/domains");
      const token = /(MS=ms\d{8})/.exec(page.body)?.[1];
      assert.ok(token);
      const wrong = await browser.post("/admin/domains/verify", {
        name: "fournil-test.fr",
        token: "MS=ms12345678x",
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /does not match the TXT record/);
      const right = await browser.post("/admin/domains/verify", { name: "fournil-test.fr", token });
      assert.equal(right.statusCode, 303);
      const made = await browser.post("/admin/domains/default", { name: "fournil-test.fr" });
      assert.equal(made.statusCode, 303);
    });

    it("turns user consent off, and refuses forms without their CSRF token", async () => {
      const browser = await admin("fr");
      await browser.get("/admin/settings");
      const forged = await browser.post("/admin/settings", { userConsent: "deny", _csrf: null });
      assert.equal(forged.statusCode, 403);
      await browser.get("/admin/settings");
      const saved = await browser.post("/admin/settings", { userConsent: "deny" });
      assert.equal(saved.statusCode, 303);
      const page = await browser.get("/admin/settings?done=1");
      assert.match(page.body, /id="consent-deny" name="userConsent" value="deny" checked/);
      assert.match(page.body, /Modification enregistrée/);
    });

    it("blocks the password grant (ROPC) from the settings, in French and English", async () => {
      const browser = await admin("en");
      const form = await browser.get("/admin/settings");
      assert.match(form.body, /Password sign-in handled by the application \(ROPC\)/);
      const saved = await browser.post("/admin/settings", { userConsent: "allow", passwordGrant: "deny" });
      assert.equal(saved.statusCode, 303);
      const page = await browser.get("/admin/settings?done=1");
      assert.match(page.body, /id="password-deny" name="passwordGrant" value="deny" checked/);
      const fr = await (await admin("fr")).get("/admin/settings");
      assert.match(fr.body, /Connexion par mot de passe transmis à l&#39;application \(ROPC\)/);
      await browser.post("/admin/settings", { userConsent: "allow", passwordGrant: "allow" });
    });

    it("answers a malformed form with 400 and a clear message", async () => {
      const browser = await admin();
      await browser.get("/admin/users");
      const response = await browser.post("/admin/users", { displayName: "X" });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /The form is incomplete/);
    });

    it("shows every page in French and English", async () => {
      for (const language of ["fr", "en"] as const) {
        const browser = await admin(language);
        for (const path of [
          "/admin",
          "/admin/users",
          "/admin/roles",
          "/admin/domains",
          "/admin/licences",
          "/admin/settings",
          "/admin/sign-ins",
          "/admin/audit",
        ]) {
          const response = await browser.get(path);
          assert.equal(response.statusCode, 200, path);
          assert.match(response.body, new RegExp(`<html lang="${language}"`));
        }
      }
    });
  });
}
