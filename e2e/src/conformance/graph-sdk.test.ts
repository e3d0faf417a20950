import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import { seedOrganization } from "@sesame/identity/demo/organization-seed";
import { codeFlowHelpers, type TestClient } from "@sesame/identity/oauth/testing/code-flow";
import { registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { fastArgon2, signIn } from "@sesame/identity/tenants/directory-test-support";
import { Browser, type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { ClientProcess } from "../support/client-process";

const [target] = await testTargets();
const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";
const ORGANIZATION_READ_ALL = "498476ce-e0fe-48b0-b801-37ba7e2685c6";
const people = ["Chloé Dupont", "Hugo Bernard", "Inès Moreau", "Jules Petit", "Léa Roux"];

interface Outcome {
  readonly value?: Record<string, unknown> & { value?: Record<string, unknown>[] };
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string;
}

describe("Microsoft Graph JavaScript SDK against identity's Graph (baseUrl and customHosts)", () => {
  let h: IdentityHarness;
  let client: TestClient;
  let tenantId: string;
  let answers: Record<string, Outcome> & { pagedNames?: string[]; morePagesThanOne?: boolean };

  before(async () => {
    h = await startTestIdentity(target!, { listen: true, env: fastArgon2 });
    const org = await seedOrganization(h.identity.ctx, {
      displayName: "Menuiserie Lambert",
      country: "FR",
      prefix: "menuiserielambert",
      customDomain: "menuiserie-lambert.fr",
      users: people.map((displayName, i) => ({
        displayName,
        userName: displayName.split(" ")[0]?.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase() ?? `u${i}`,
        password: `Rabot-Solide-${i}1234`,
      })),
    });
    tenantId = org.tenant.id;
    client = await registerTestApp(h.identity.ctx, { tenantId });
    for (const appRoleId of [USER_READ_ALL, ORGANIZATION_READ_ALL]) {
      await assignAppRole(h.identity.ctx.db, {
        clientAppId: client.clientId,
        resourceAppId: GRAPH_APP_ID,
        tenantId,
        appRoleId,
      });
    }
    // A delegated token (User.Read) from a real sign-in and consent by Chloé.
    const flow = codeFlowHelpers(() => ({ h, client }));
    const chloe = new Browser(h.app);
    await signIn(chloe, "chloe@menuiserie-lambert.fr", "Rabot-Solide-01234");
    const { code } = await flow.signInAndGetCode(chloe, { scope: "openid profile User.Read" });
    const redeemed = await flow.redeem(code);
    assert.equal(redeemed.status, 200, JSON.stringify(redeemed.json));
    const { result, error } = await new ClientProcess(
      new URL("./graph-sdk-process.ts", import.meta.url),
      {
        identityUrl: h.identity.url,
        tenantId,
        clientId: client.clientId,
        clientSecret: client.secret,
        delegatedToken: redeemed.json.access_token,
      },
      h.identity.caFile,
    ).outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    answers = result as typeof answers;
  });
  after(() => h.close());

  it("reads /me with a delegated token", () => {
    assert.equal(answers.me?.value?.userPrincipalName, "chloe@menuiserie-lambert.fr");
    assert.equal(answers.me?.value?.displayName, "Chloé Dupont");
  });

  it("pages through /users with PageIterator, $top and $select, over more than one page", () => {
    assert.equal(answers.morePagesThanOne, true);
    assert.deepEqual([...(answers.pagedNames ?? [])].sort(), [...people].sort());
  });

  it("filters /users with $filter and $select", () => {
    const found = answers.filtered?.value?.value ?? [];
    assert.deepEqual(found, [{ displayName: "Chloé Dupont", mail: "chloe@menuiserie-lambert.fr" }]);
  });

  it("reads /organization with an application token", () => {
    const [organization] = answers.organization?.value?.value ?? [];
    assert.equal(organization?.displayName, "Menuiserie Lambert");
    assert.equal(organization?.id, tenantId);
  });

  it("raises GraphError with Graph's status and code for 401, 403, 404 and an unknown segment", () => {
    assert.deepEqual(
      [answers.unauthenticated, answers.forbidden, answers.missing, answers.unknownSegment].map((o) => [
        o?.statusCode,
        o?.code,
      ]),
      [
        [401, "InvalidAuthenticationToken"],
        [403, "Authorization_RequestDenied"],
        [404, "Request_ResourceNotFound"],
        [400, "BadRequest"],
      ],
    );
    assert.equal(answers.unknownSegment?.message, "Resource not found for the segment 'nope'.");
  });
});
