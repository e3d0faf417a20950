import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { listSubscriptions } from "../licences/licence-queries";
import { fastArgon2, signIn } from "../tenants/directory-test-support";
import { tenantOfDomain } from "../tenants/tenant-queries";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { seedOrganizationsDemo } from "./organizations-demo";

for (const target of await testTargets()) {
  describe(`demo organizations (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
    });
    after(() => h.close());

    it("seeds Boulangerie Martin, Cabinet YPN and the reseller once, however often it runs", async () => {
      const first = await seedOrganizationsDemo(h.identity.ctx);
      const second = await seedOrganizationsDemo(h.identity.ctx);
      assert.deepEqual(first, second);
      assert.ok(first.some((a) => a.email === "sophie.martin@boulangerie-martin.fr"));
      const client = await tenantOfDomain(h.identity.ctx.db, "boulangeriemartin.onmicrosoft.com");
      assert.equal(client?.display_name, "Boulangerie Martin");
      assert.equal(client?.user_consent_allowed, 0);
      const [subscription] = await listSubscriptions(h.identity.ctx.db, client?.id ?? "");
      assert.deepEqual(
        [subscription?.skuPartNumber, subscription?.seats, subscription?.assigned],
        ["O365_BUSINESS_PREMIUM", 5, 3],
      );
      assert.equal(
        (await tenantOfDomain(h.identity.ctx.db, "ypn-expertise.fr"))?.display_name,
        "Cabinet YPN",
      );
    });

    it("lets the printed accounts sign in: the client admin to /admin, the reseller to /reseller", async () => {
      const accounts = await seedOrganizationsDemo(h.identity.ctx);
      const find = (email: string) => accounts.find((a) => a.email === email);
      const sophie = find("sophie.martin@boulangerie-martin.fr");
      const nadia = find("nadia.roche@distrilog.onmicrosoft.com");
      assert.ok(sophie && nadia);
      const admin = new Browser(h.app);
      await signIn(admin, sophie.email, sophie.password);
      assert.equal((await admin.get("/admin/users")).statusCode, 200);
      const partner = new Browser(h.app);
      await signIn(partner, nadia.email, nadia.password);
      const page = await partner.get("/reseller");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Boulangerie Martin/);
    });
  });
}
