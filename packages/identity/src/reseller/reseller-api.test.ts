import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { seedIdentityDemo } from "../demo/demo-data";
import { PORTAL_CLIENT_ID, PORTAL_DEMO_SECRET } from "../demo/portal-application";
import { fastArgon2 } from "../tenants/directory-test-support";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { RESELLER_API_URI } from "./reseller-api-app";

for (const target of await testTargets()) {
  describe(`reseller API with a client-credentials token from identity (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    async function token(tenant: string, scope: string): Promise<string | undefined> {
      const response = await h.app.inject({
        method: "POST",
        url: `/${tenant}/oauth2/v2.0/token`,
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        payload: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: PORTAL_CLIENT_ID,
          client_secret: PORTAL_DEMO_SECRET,
          scope,
        }).toString(),
      });
      return response.json().access_token;
    }
    const request = (accessToken: string | undefined) =>
      h.app.inject({
        method: "POST",
        url: "/reseller/api/licence-requests",
        headers: { accept: "application/json", authorization: `Bearer ${accessToken}` },
        payload: {
          customerName: "Boulangerie Martin",
          contactEmail: "sophie@example.org",
          skuPartNumber: "O365_BUSINESS_PREMIUM",
          quantity: 1,
        },
      });

    it("accepts the portal's token from the firm's tenant, where its admin granted the app role", async () => {
      const accessToken = await token("ypn-expertise.fr", `${RESELLER_API_URI}/.default`);
      assert.ok(accessToken);
      const response = await request(accessToken);
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.json().status, "received");
    });

    it("refuses the same client in a tenant that granted nothing, and a token for another API", async () => {
      const elsewhere = await token("boulangerie-martin.fr", `${RESELLER_API_URI}/.default`);
      // Nothing granted in that tenant: identity refuses the token itself (AADSTS65001).
      assert.equal(elsewhere, undefined);
      const graph = await token("ypn-expertise.fr", "https://graph.microsoft.com/.default");
      assert.equal((await request(graph)).statusCode, 401);
    });
  });
}
