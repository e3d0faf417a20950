import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { seedOrganization } from "../demo/organization-seed";
import { listSubscriptions } from "../licences/licence-queries";
import { fastArgon2, signIn } from "../tenants/directory-test-support";
import { tenantOfDomain } from "../tenants/tenant-queries";
import { deliveredMail } from "../testing/delivered-mail";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

for (const target of await testTargets()) {
  describe(`reseller partner centre (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      for (const [name, reseller] of [
        ["partner", true],
        ["other", false],
      ] as const) {
        await seedOrganization(h.identity.ctx, {
          displayName: `Org ${name}`,
          country: "FR",
          prefix: `${name}org`,
          reseller,
          users: [
            {
              userName: "admin",
              displayName: "Admin",
              password: "Admin-Secret-123",
              roles: ["globalAdministrator"],
            },
          ],
        });
      }
    });
    after(() => h.close());

    async function partner() {
      const browser = new Browser(h.app, "en");
      await signIn(browser, "admin@partnerorg.onmicrosoft.com", "Admin-Secret-123");
      await browser.get("/reseller");
      return browser;
    }
    const customer = {
      displayName: "Fleuriste Rose",
      country: "fr",
      prefix: "fleuristerose",
      adminDisplayName: "Rose Fleur",
      adminUserName: "rose",
      contactEmail: "rose.fleur@example.org",
      sku: "O365_BUSINESS_PREMIUM",
      seats: "2",
    };

    it("creates a customer with its Global Administrator, mails the credentials and adds the seats", async () => {
      const browser = await partner();
      const response = await browser.post("/reseller/customers", customer);
      assert.equal(response.statusCode, 200);
      assert.match(
        response.body,
        /Customer Fleuriste Rose created\. The credentials of rose@fleuristerose\.onmicrosoft\.com were sent/,
      );
      const tenant = await tenantOfDomain(h.identity.ctx.db, "fleuristerose.onmicrosoft.com");
      assert.ok(tenant);
      const [subscription] = await listSubscriptions(h.identity.ctx.db, tenant.id);
      assert.deepEqual([subscription?.skuPartNumber, subscription?.seats], ["O365_BUSINESS_PREMIUM", 2]);
      const mail = await deliveredMail(h.identity.ctx, "rose.fleur@example.org");
      assert.match(mail.subject, /Fleuriste Rose/);
      assert.match(mail.text_body, /rose@fleuristerose\.onmicrosoft\.com/);
      const password = /Temporary password: (\S+)/.exec(mail.text_body)?.[1];
      assert.ok(password);
      const admin = await h.identity.ctx.db
        .selectFrom("account")
        .selectAll()
        .where("email_normalized", "=", "rose@fleuristerose.onmicrosoft.com")
        .executeTakeFirstOrThrow();
      assert.equal(admin.must_change_password, 1);
      const list = await browser.get("/reseller");
      assert.match(list.body, /Fleuriste Rose/);
    });

    it("refuses a taken initial domain with a clear message and creates nothing", async () => {
      const browser = await partner();
      const before = await h.identity.ctx.db.selectFrom("tenant").select("id").execute();
      const response = await browser.post("/reseller/customers", {
        ...customer,
        displayName: "Autre Rose",
        contactEmail: "autre@example.org",
      });
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /fleuristerose\.onmicrosoft\.com is already added to an organization/);
      const after = await h.identity.ctx.db.selectFrom("tenant").select("id").execute();
      assert.equal(after.length, before.length);
      const mail = await h.identity.ctx.db
        .selectFrom("mail_outbox")
        .select("id")
        .where("to_address", "=", "autre@example.org")
        .execute();
      assert.equal(mail.length, 0);
    });

    it("adds seats and never sets fewer than are assigned", async () => {
      const browser = await partner();
      const tenant = await tenantOfDomain(h.identity.ctx.db, "fleuristerose.onmicrosoft.com");
      assert.ok(tenant);
      await browser.get(`/reseller/customers/${tenant.id}`);
      const added = await browser.post(`/reseller/customers/${tenant.id}/seats`, {
        sku: "O365_BUSINESS_PREMIUM",
        seats: "3",
        mode: "add",
      });
      assert.equal(added.statusCode, 303);
      const [subscription] = await listSubscriptions(h.identity.ctx.db, tenant.id);
      assert.equal(subscription?.seats, 5);
      const bad = await browser.post(`/reseller/customers/${tenant.id}/seats`, {
        sku: "O365_BUSINESS_PREMIUM",
        seats: "-1",
        mode: "set",
      });
      assert.equal(bad.statusCode, 400);
    });

    it("keeps other organizations out: 403 for a non-reseller, 404 for another partner's customer", async () => {
      const browser = new Browser(h.app, "en");
      await signIn(browser, "admin@otherorg.onmicrosoft.com", "Admin-Secret-123");
      const page = await browser.get("/reseller");
      assert.equal(page.statusCode, 403);
      const tenant = await tenantOfDomain(h.identity.ctx.db, "otherorg.onmicrosoft.com");
      const owner = await partner();
      const response = await owner.get(`/reseller/customers/${tenant?.id}`);
      assert.equal(response.statusCode, 404);
    });
  });
}
