import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { revokeApplication } from "../../apps/application-grants";
import { GRAPH_APP_ID } from "../../apps/graph-app";
import { assignAppRole } from "../../consent/consent-queries";
import { type IdentityHarness, startTestIdentity } from "../../testing/identity-harness";
import { createTestTenant, registerTestApp } from "../testing/oauth-fixtures";

const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";

/**
 * The client-credentials path is the token benchmark's (issue 17): its claims are built without
 * object spreads and its registrations come from the hot cache. The token must stay Entra's, and
 * what an admin revokes must be gone from the very next token.
 */
for (const target of await testTargets()) {
  describe(`client credentials (${target.label})`, () => {
    let h: IdentityHarness;
    let tenantId: string;
    let client: Awaited<ReturnType<typeof registerTestApp>>;
    before(async () => {
      h = await startTestIdentity(target);
      tenantId = await createTestTenant(h.identity.ctx, "Bench");
      client = await registerTestApp(h.identity.ctx, { tenantId });
      await assignAppRole(h.identity.ctx.db, {
        clientAppId: client.clientId,
        resourceAppId: GRAPH_APP_ID,
        tenantId,
        appRoleId: USER_READ_ALL,
      });
    });
    after(() => h.close());

    const token = async (version: "1" | "2") => {
      const r = await h.app.inject({
        method: "POST",
        url: version === "2" ? `/${tenantId}/oauth2/v2.0/token` : `/${tenantId}/oauth2/token`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: client.clientId,
          client_secret: client.secret,
          ...(version === "2"
            ? { scope: "https://graph.microsoft.com/.default" }
            : { resource: "https://graph.microsoft.com" }),
        }).toString(),
      });
      assert.equal(r.statusCode, 200, r.body);
      return decodeJwt((r.json() as { access_token: string }).access_token);
    };

    it("gives a v2 app-only token with Entra's claims, in Entra's order", async () => {
      const claims = await token("2");
      const iat = claims.iat as number;
      assert.deepEqual(Object.entries(claims), [
        ["aud", GRAPH_APP_ID],
        ["iss", `${h.identity.ctx.origin}/${tenantId}/v2.0`],
        ["iat", iat],
        ["nbf", iat],
        ["exp", iat + 3599],
        ["idtyp", "app"],
        ["oid", client.app.id],
        ["roles", ["User.Read.All"]],
        ["sub", client.app.id],
        ["tid", tenantId],
        ["uti", claims.uti],
        ["azp", client.clientId],
        ["azpacr", "1"],
        ["ver", "2.0"],
      ]);
      assert.match(String(claims.uti), /^[\w-]{22}$/);
    });

    it("gives a v1 app-only token with the resource as audience and appid", async () => {
      const claims = await token("1");
      assert.equal(claims.aud, "https://graph.microsoft.com");
      assert.equal(claims.iss, `${h.identity.ctx.origin}/${tenantId}/`);
      assert.deepEqual(claims.roles, ["User.Read.All"]);
      assert.equal(claims.appid, client.clientId);
      assert.equal(claims.appidacr, "1");
      assert.equal(claims.ver, "1.0");
      assert.equal(claims.azp, undefined);
    });

    it("answers, and refuses, with the headers of every token answer", async () => {
      const post = (secret: string, headers: Record<string, string> = {}) =>
        h.app.inject({
          method: "POST",
          url: `/${tenantId}/oauth2/v2.0/token`,
          headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
          payload: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: client.clientId,
            client_secret: secret,
            scope: "https://graph.microsoft.com/.default",
          }).toString(),
        });
      const issued = await post(client.secret);
      const refused = await post("not-the-secret", { "client-request-id": "5f0c1c4e-msal" });
      assert.equal(issued.statusCode, 200);
      assert.equal(refused.statusCode, 401);
      assert.deepEqual(refused.json().error_codes, [7000215]);
      assert.equal(refused.json().correlation_id, "5f0c1c4e-msal");
      for (const answer of [issued, refused]) {
        assert.equal(answer.headers["cache-control"], "no-store, no-cache");
        assert.equal(answer.headers.pragma, "no-cache");
        assert.equal(answer.headers.vary, "Origin");
        assert.match(String(answer.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
        assert.equal(answer.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
        assert.equal(answer.headers["x-frame-options"], "DENY");
        assert.doesNotMatch(String(answer.headers["content-security-policy"]), /nonce/);
        assert.match(String(answer.headers["content-security-policy"]), /frame-ancestors 'none'/);
        // A server-side call: no CORS grant to any page.
        assert.equal(answer.headers["access-control-allow-origin"], undefined);
      }
    });

    it("leaves a role the admin removed out of the very next token", async () => {
      assert.deepEqual((await token("2")).roles, ["User.Read.All"]);
      await revokeApplication(h.identity.ctx.db, tenantId, client.clientId);
      const next = await token("2");
      assert.equal("roles" in next, false);
      assert.equal(next.idtyp, "app");
    });
  });
}
