import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Account } from "../accounts/account-queries";
import { addRedirectUri, createApplication } from "../apps/app-queries";
import { type SeededOrganization, seedOrganization } from "../demo/organization-seed";
import { keyEncryptionKey } from "../keys/key-encryption";
import { TokenSigner } from "../keys/token-signer";
import { appAccessClaims, userAccessClaims } from "../oauth/token-claims";
import { fastArgon2 } from "../tenants/directory-test-support";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { GRAPH_APP_ID } from "./graph-token";

const CLIENT = "ff28182b-b927-4697-9f0e-3d38e40971a8";

for (const target of await testTargets()) {
  describe(`Microsoft Graph subset (${target.label})`, () => {
    let h: IdentityHarness;
    let org: SeededOrganization;
    let signer: TokenSigner;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      org = await seedOrganization(h.identity.ctx, {
        displayName: "Librairie Test",
        country: "FR",
        prefix: "librairietest",
        customDomain: "librairie-test.fr",
        subscriptions: [{ sku: "O365_BUSINESS_ESSENTIALS", seats: 3 }],
        users: [
          {
            userName: "ga",
            displayName: "Gaëlle Admin",
            password: "Ga-Secret-1234",
            roles: ["globalAdministrator"],
            licences: ["O365_BUSINESS_ESSENTIALS"],
          },
          {
            userName: "ua",
            displayName: "Ugo Admin",
            password: "Ua-Secret-1234",
            roles: ["userAdministrator"],
          },
          { userName: "plain", displayName: "Paul Plain", password: "Plain-Secret-1234" },
        ],
      });
      signer = new TokenSigner(h.identity.ctx.db, keyEncryptionKey(h.identity.ctx.config));
    });
    after(() => h.close());

    const origin = () => h.identity.ctx.origin;
    const appToken = (roles: string[], audience = "https://graph.microsoft.com") =>
      signer.sign(
        appAccessClaims({
          version: "1",
          origin: origin(),
          tid: org.tenant.id,
          clientId: CLIENT,
          clientObjectId: "5f3c0a43-0000-4000-8000-000000000001",
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: audience,
          roles,
        }),
      );
    const userToken = (who: string, scp: string) => {
      const a = org.users.get(who) as Account;
      return signer.sign(
        userAccessClaims({
          version: "1",
          origin: origin(),
          user: { oid: a.id, tid: a.tenant_id, email: a.email, name: a.display_name, kind: "work" },
          clientId: CLIENT,
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: "https://graph.microsoft.com",
          scp,
          sid: "sid",
          sub: "sub",
        }),
      );
    };
    const call = async (method: "GET" | "POST" | "PATCH", url: string, token?: string, payload?: unknown) => {
      const response = await h.app.inject({
        method,
        url,
        headers: { accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
      return { status: response.statusCode, body: response.body ? response.json() : undefined };
    };

    it("answers without a valid token with InvalidAuthenticationToken, in Graph's error shape", async () => {
      const none = await call("GET", "/v1.0/organization");
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, "InvalidAuthenticationToken");
      assert.equal(none.body.error.message, "Access token is empty.");
      assert.match(none.body.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      const otherAudience = await call(
        "GET",
        "/v1.0/organization",
        await appToken(["Organization.Read.All"], "api://other"),
      );
      assert.equal(otherAudience.status, 401);
      const forged = await call("GET", "/v1.0/organization", "eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.");
      assert.equal(forged.status, 401);
    });

    it("reads the organization and its subscribed SKUs with application permissions", async () => {
      const token = await appToken(["Organization.Read.All"]);
      const organization = await call("GET", "/v1.0/organization", token);
      assert.equal(organization.status, 200);
      const [tenant] = organization.body.value;
      assert.equal(tenant.displayName, "Librairie Test");
      assert.equal(tenant.countryLetterCode, "FR");
      assert.deepEqual(
        tenant.verifiedDomains.map((d: { name: string; isDefault: boolean }) => [d.name, d.isDefault]),
        [
          ["librairietest.onmicrosoft.com", false],
          ["librairie-test.fr", true],
        ],
      );
      const skus = await call("GET", "/v1.0/subscribedSkus", token);
      const [sku] = skus.body.value;
      assert.equal(skus.body["@odata.context"], "https://graph.microsoft.com/v1.0/$metadata#subscribedSkus");
      assert.deepEqual(
        [sku.skuPartNumber, sku.consumedUnits, sku.prepaidUnits.enabled],
        ["O365_BUSINESS_ESSENTIALS", 1, 3],
      );
      assert.equal(sku.id, `${org.tenant.id}_3b555118-da6a-4418-894f-7df1e2096870`);
      const users = await call("GET", "/v1.0/users", token);
      assert.equal(users.status, 403);
      assert.equal(users.body.error.code, "Authorization_RequestDenied");
    });

    it("gives a user with User.Read their profile, roles and licences, and only the basic organization", async () => {
      const token = await userToken("ga", "User.Read openid profile");
      const me = await call("GET", "/v1.0/me", token);
      assert.equal(me.body.userPrincipalName, "ga@librairie-test.fr");
      assert.equal(me.body["@odata.context"], "https://graph.microsoft.com/v1.0/$metadata#users/$entity");
      const memberOf = await call("GET", "/v1.0/me/memberOf", token);
      assert.deepEqual(
        memberOf.body.value.map((r: { displayName: string }) => r.displayName),
        ["Global Administrator"],
      );
      const licences = await call("GET", `/v1.0/users/${me.body.id}/licenseDetails`, token);
      assert.deepEqual(
        licences.body.value.map((l: { skuPartNumber: string }) => l.skuPartNumber),
        ["O365_BUSINESS_ESSENTIALS"],
      );
      const [organization] = (await call("GET", "/v1.0/organization", token)).body.value;
      assert.equal(organization.displayName, "Librairie Test");
      assert.equal(organization.countryLetterCode, null);
      assert.equal((await call("GET", "/v1.0/users", token)).status, 403);
      assert.equal((await call("GET", "/v1.0/users/plain@librairie-test.fr", token)).status, 403);
    });

    it("lists users with $top paging, $filter and $select", async () => {
      const token = await userToken("plain", "User.ReadBasic.All");
      const first = await call("GET", "/v1.0/users?$top=2", token);
      assert.equal(first.body.value.length, 2);
      const next = new URL(first.body["@odata.nextLink"]);
      // The next page is on the host that served this one, where the Graph SDK's PageIterator follows it.
      assert.equal(next.origin + next.pathname, `${h.identity.ctx.origin}/v1.0/users`);
      const second = await call("GET", `/v1.0/users${next.search}`, token);
      assert.equal(second.body.value.length, 1);
      assert.equal(second.body["@odata.nextLink"], undefined);
      const filtered = await call(
        "GET",
        "/v1.0/users?$filter=userPrincipalName eq 'UA@librairie-test.fr'&$select=displayName,id",
        token,
      );
      assert.deepEqual(Object.keys(filtered.body.value[0]).sort(), ["displayName", "id"]);
      assert.equal(filtered.body.value[0].displayName, "Ugo Admin");
      assert.equal((await call("GET", "/v1.0/users?$top=0", token)).status, 400);
      assert.equal((await call("GET", "/v1.0/users?$filter=startswith(displayName,'U')", token)).status, 400);
      assert.equal(
        (await call("GET", "/v1.0/users/nobody@librairie-test.fr", token)).body.error.code,
        "Request_ResourceNotFound",
      );
    });

    it("lets a User Administrator create and update users, and refuses others", async () => {
      const body = {
        accountEnabled: true,
        displayName: "Nina Nouvelle",
        mailNickname: "nina",
        userPrincipalName: "nina@librairie-test.fr",
        passwordProfile: { password: "Nina-Secret-2024", forceChangePasswordNextSignIn: true },
      };
      const plain = await call("POST", "/v1.0/users", await userToken("plain", "User.ReadWrite.All"), body);
      assert.equal(plain.status, 403);
      const token = await userToken("ua", "User.ReadWrite.All");
      const created = await call("POST", "/v1.0/users", token, body);
      assert.equal(created.status, 201);
      assert.equal(created.body.userPrincipalName, "nina@librairie-test.fr");
      const again = await call("POST", "/v1.0/users", token, body);
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /already used/);
      const invalid = await call("POST", "/v1.0/users", token, { ...body, userPrincipalName: "x" });
      assert.equal(invalid.status, 400);
      const patched = await call("PATCH", `/v1.0/users/${created.body.id}`, token, { jobTitle: "Libraire" });
      assert.equal(patched.status, 204);
      const read = await call("GET", `/v1.0/users/${created.body.id}?$select=jobTitle,accountEnabled`, token);
      assert.deepEqual(read.body.jobTitle, "Libraire");
      const ga = org.users.get("ga") as Account;
      const lastAdmin = await call(
        "PATCH",
        `/v1.0/users/${ga.id}`,
        await userToken("ga", "User.ReadWrite.All"),
        { accountEnabled: false },
      );
      assert.equal(lastAdmin.status, 409);
      assert.match(lastAdmin.body.error.message, /last active Global Administrator/);
    });
    it("lists applications, service principals and permission grants with Directory.Read.All", async () => {
      const token = await appToken(["Directory.Read.All"]);
      const now = Date.now();
      const client = await createApplication(h.identity.ctx.db, {
        displayName: "Portail Librairie",
        publisher: "Cabinet",
        signInAudience: "AzureADMultipleOrgs",
        tenantId: org.tenant.id,
      });
      await h.identity.ctx.db
        .insertInto("oauth2_permission_grant")
        .values({
          id: "grant-1",
          client_app_id: client.app_id,
          consent_type: "AllPrincipals",
          principal_id: null,
          tenant_id: org.tenant.id,
          resource_app_id: GRAPH_APP_ID,
          scope: "User.Read",
          created_at: now,
          updated_at: now,
        })
        .execute();
      await addRedirectUri(h.identity.ctx.db, client.id, "https://portail.example/auth", "web");
      await addRedirectUri(h.identity.ctx.db, client.id, "http://localhost:5173/", "spa");
      await addRedirectUri(h.identity.ctx.db, client.id, "https://portail.example/spa", "spa");
      await addRedirectUri(h.identity.ctx.db, client.id, "http://localhost", "public");
      const apps = await call("GET", "/v1.0/applications", token);
      assert.deepEqual(
        apps.body.value.map((a: { appId: string }) => a.appId),
        [client.app_id],
      );
      // Redirect URIs by platform, as Microsoft Graph shows an application.
      assert.deepEqual(apps.body.value[0].web.redirectUris, ["https://portail.example/auth"]);
      assert.deepEqual(apps.body.value[0].spa.redirectUris, [
        "http://localhost:5173/",
        "https://portail.example/spa",
      ]);
      assert.deepEqual(apps.body.value[0].publicClient.redirectUris, ["http://localhost"]);
      const principals = await call(
        "GET",
        `/v1.0/servicePrincipals?$filter=appId eq '${client.app_id}'`,
        token,
      );
      assert.equal(principals.body.value[0].displayName, "Portail Librairie");
      const grants = await call("GET", "/v1.0/oauth2PermissionGrants", token);
      assert.deepEqual(
        grants.body.value.map((g: { consentType: string; scope: string; clientId: string }) => [
          g.consentType,
          g.scope,
          g.clientId,
        ]),
        [["AllPrincipals", "User.Read", client.id]],
      );
      assert.equal(
        (await call("GET", "/v1.0/applications", await appToken(["Organization.Read.All"]))).status,
        403,
      );
    });
  });
}
