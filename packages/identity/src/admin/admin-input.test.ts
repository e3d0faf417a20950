import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { seedOrganization } from "../demo/organization-seed";
import { fastArgon2, signIn } from "../tenants/directory-test-support";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const [target] = await testTargets();

describe("admin centre input is parsed at the edge", () => {
  let h: IdentityHarness;
  before(async () => {
    if (!target) throw new Error("no storage target");
    h = await startTestIdentity(target, { env: fastArgon2 });
    await seedOrganization(h.identity.ctx, {
      displayName: "Fromagerie Test",
      country: "FR",
      prefix: "fromagerietest",
      users: [
        {
          userName: "chef",
          displayName: "Chef",
          password: "Chef-Secret-123",
          roles: ["globalAdministrator"],
        },
      ],
    });
  });
  after(() => h.close());

  it("answers an over-long user id in the path with 400, never 500", async () => {
    const browser = new Browser(h.app, "en");
    await signIn(browser, "chef@fromagerietest.onmicrosoft.com", "Chef-Secret-123");
    const page = await browser.get(`/admin/users/${"a".repeat(100)}`);
    assert.equal(page.statusCode, 400);
    const reseller = await browser.get(`/reseller/customers/${"a".repeat(100)}`);
    assert.ok(reseller.statusCode < 500, String(reseller.statusCode));
  });
});
