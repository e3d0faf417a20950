import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addRequiredPermission } from "@sesame/identity/apps/app-queries";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { signIn } from "@sesame/identity/tenants/directory-test-support";
import { tenantOfDomain } from "@sesame/identity/tenants/tenant-queries";
import { Browser, type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { MsalProcess } from "./msal-process-driver";

const [target] = await testTargets();
/** Graph's Organization.Read.All application permission (reads /organization and /subscribedSkus). */
const ORGANIZATION_READ_ALL = "498476ce-e0fe-48b0-b801-37ba7e2685c6";

describe("MSAL Node client credentials for Graph in a customer tenant, before and after admin consent", () => {
  let h: IdentityHarness;
  let tenantId: string;
  let client: Awaited<ReturnType<typeof registerTestApp>>;
  const acquire = () =>
    new MsalProcess(
      {
        kind: "client-secret",
        authority: `${h.identity.url}/${tenantId}`,
        knownAuthority: new URL(h.identity.url).host,
        clientId: client.clientId,
        clientSecret: client.secret,
        scopes: ["https://graph.microsoft.com/.default"],
      },
      h.identity.caFile,
    ).outcome();

  before(async () => {
    h = await startTestIdentity(target!, { listen: true });
    await seedIdentityDemo(h.identity.ctx);
    const tenant = await tenantOfDomain(h.identity.ctx.db, "boulangerie-martin.fr");
    assert.ok(tenant);
    tenantId = tenant.id;
    client = await registerTestApp(h.identity.ctx, {
      tenantId: await createTestTenant(h.identity.ctx, "Éditeur de logiciels"),
      audience: "AzureADMultipleOrgs",
      name: "Tableau de bord comptable",
    });
    await addRequiredPermission(h.identity.ctx.db, client.app.id, {
      resourceAppId: GRAPH_APP_ID,
      permissionId: ORGANIZATION_READ_ALL,
      kind: "role",
    });
  });
  after(() => h.close());

  it("fails with AADSTS65001 before the organization's admin consented", async () => {
    const { error } = await acquire();
    assert.ok(error);
    assert.match(String(error.message), /AADSTS65001/);
  });

  it("works after the Global Administrator grants the application permissions, and reads Graph", async () => {
    const sophie = new Browser(h.app, "en");
    await signIn(sophie, "sophie.martin@boulangerie-martin.fr", "Baguette-Doree-81");
    const url = `/${tenantId}/v2.0/adminconsent?${new URLSearchParams({ client_id: client.clientId, redirect_uri: client.redirect, state: "go", scope: "https://graph.microsoft.com/.default" })}`;
    const page = await sophie.get(url);
    assert.equal(page.statusCode, 200);
    const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    const answer = await sophie.post(`/${tenantId}/v2.0/adminconsent`, { request, decision: "accept" });
    const back = new URL(String(answer.headers.location));
    assert.equal(back.searchParams.get("admin_consent"), "True");
    assert.equal(back.searchParams.get("tenant"), tenantId);

    const { result, error } = await acquire();
    assert.equal(error, undefined, JSON.stringify(error));
    const accessToken = String(result?.accessToken);
    assert.deepEqual(decodeJwt(accessToken).roles, ["Organization.Read.All"]);
    const graph = (path: string) =>
      h.app.inject({ method: "GET", url: path, headers: { authorization: `Bearer ${accessToken}` } });
    const organization = await graph("/v1.0/organization");
    assert.equal(organization.statusCode, 200, organization.body);
    assert.equal(organization.json().value[0].displayName, "Boulangerie Martin");
    const skus = await graph("/v1.0/subscribedSkus");
    assert.equal(skus.statusCode, 200, skus.body);
    assert.ok(
      skus.json().value.some((s: { skuPartNumber: string }) => s.skuPartNumber === "O365_BUSINESS_PREMIUM"),
    );
  });
});
