import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness } from "../../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient, verifier } from "../testing/code-flow";
import { registerTestApp } from "../testing/oauth-fixtures";

const APP_ORIGIN = "http://127.0.0.1:5173";
const SPA_REDIRECT = `${APP_ORIGIN}/app/`;
const DAY_S = 24 * 60 * 60;

for (const target of await testTargets()) {
  describe(`single-page apps at the token endpoint (${target.label})`, () => {
    let h: IdentityHarness;
    let web: TestClient;
    let spa: TestClient;
    let current: TestClient;
    const flow = codeFlowHelpers(() => ({ h, client: current }));
    before(async () => {
      ({ h, client: web } = await startCodeFlow(target));
      const tenantId = (
        await h.identity.ctx.db.selectFrom("application").select("tenant_id").executeTakeFirstOrThrow()
      ).tenant_id;
      spa = await registerTestApp(h.identity.ctx, {
        tenantId,
        redirect: SPA_REDIRECT,
        kind: "spa",
        name: "Spa",
      });
    });
    after(() => h.close());

    /** A POST to the v2 token endpoint as a page's fetch sends it (Origin) or a server does (none). */
    const post = async (form: Record<string, string>, origin?: string) => {
      const r = await h.app.inject({
        method: "POST",
        url: "/common/oauth2/v2.0/token",
        payload: new URLSearchParams(form).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) },
      });
      return { status: r.statusCode, json: r.json(), headers: r.headers };
    };
    const spaCode = async () => {
      current = spa;
      return (await flow.signInAndGetCode(new Browser(h.app))).code;
    };
    const spaRedemption = (code: string) => ({
      grant_type: "authorization_code",
      client_id: spa.clientId,
      code,
      redirect_uri: SPA_REDIRECT,
      code_verifier: verifier,
      scope: "openid offline_access User.Read",
    });

    it("answers the preflight of a registered spa origin, and no other", async () => {
      const preflight = (origin: string) =>
        h.app.inject({
          method: "OPTIONS",
          url: "/common/oauth2/v2.0/token",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
          },
        });
      const ok = await preflight(APP_ORIGIN);
      assert.equal(ok.statusCode, 204);
      assert.equal(ok.headers["access-control-allow-origin"], APP_ORIGIN);
      assert.match(String(ok.headers["access-control-allow-methods"]), /POST/);
      assert.equal(ok.headers["access-control-allow-headers"], "content-type");
      assert.equal(ok.headers["access-control-allow-credentials"], undefined);
      const other = await preflight("https://evil.example");
      assert.equal(other.headers["access-control-allow-origin"], undefined);
      // Even a malformed request's error is readable by the page that sent it.
      const malformed = await post({ client_id: spa.clientId }, APP_ORIGIN);
      assert.equal(malformed.status, 400);
      assert.equal(malformed.headers["access-control-allow-origin"], APP_ORIGIN);
      // A web redirect URI's origin is no spa origin.
      const webOrigin = await preflight(new URL(web.redirect).origin);
      assert.equal(webOrigin.headers["access-control-allow-origin"], undefined);
    });

    it("redeems a spa code cross-origin with CORS and a 24-hour refresh token, refreshed from the page too", async () => {
      const redeemed = await post(spaRedemption(await spaCode()), APP_ORIGIN);
      assert.equal(redeemed.status, 200, JSON.stringify(redeemed.json));
      assert.equal(redeemed.headers["access-control-allow-origin"], APP_ORIGIN);
      assert.ok(redeemed.json.refresh_token);
      assert.ok(
        redeemed.json.refresh_token_expires_in <= DAY_S &&
          redeemed.json.refresh_token_expires_in > DAY_S - 60,
      );
      const row = await h.identity.ctx.db
        .selectFrom("refresh_token")
        .select(["expires_at", "created_at", "spa"])
        .where("client_id", "=", spa.clientId)
        .executeTakeFirstOrThrow();
      assert.equal(row.spa, 1);
      assert.ok(row.expires_at - row.created_at <= DAY_S * 1000);
      const form = {
        grant_type: "refresh_token",
        client_id: spa.clientId,
        refresh_token: redeemed.json.refresh_token,
        scope: "openid offline_access User.Read",
      };
      // Without Origin (a server holding the browser's token): refused.
      const server = await post(form);
      assert.equal(server.status, 400);
      assert.deepEqual(server.json.error_codes, [9002327]);
      const refreshed = await post(form, APP_ORIGIN);
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.json));
      assert.equal(refreshed.headers["access-control-allow-origin"], APP_ORIGIN);
      // Rotation does not extend the 24 hours: the successor ends when the first token did.
      const rows = await h.identity.ctx.db
        .selectFrom("refresh_token")
        .select(["expires_at", "spa"])
        .where("client_id", "=", spa.clientId)
        .execute();
      assert.equal(rows.length, 2);
      assert.equal(rows[0]?.expires_at, rows[1]?.expires_at);
      assert.ok(refreshed.json.refresh_token_expires_in <= redeemed.json.refresh_token_expires_in);
    });

    it("refuses a spa code redeemed without Origin (AADSTS9002327), with Microsoft's text", async () => {
      const r = await post(spaRedemption(await spaCode()));
      assert.equal(r.status, 400);
      assert.equal(r.json.error, "invalid_request");
      assert.deepEqual(r.json.error_codes, [9002327]);
      assert.match(
        r.json.error_description,
        /^AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests\./,
      );
    });

    it("refuses a cross-origin redemption of a web code (AADSTS9002326) and keeps web refresh tokens at 90 days", async () => {
      current = web;
      const { code } = await flow.signInAndGetCode(new Browser(h.app));
      const form = {
        grant_type: "authorization_code",
        client_id: web.clientId,
        client_secret: web.secret,
        code,
        redirect_uri: web.redirect,
        code_verifier: verifier,
      };
      const r = await post(form, APP_ORIGIN);
      assert.equal(r.status, 400);
      assert.equal(r.json.error, "invalid_request");
      assert.deepEqual(r.json.error_codes, [9002326]);
      assert.match(
        r.json.error_description,
        /^AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type\./,
      );
      // The error is readable by the page (its origin is a registered spa origin).
      assert.equal(r.headers["access-control-allow-origin"], APP_ORIGIN);
      const ok = await post(form);
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.equal(ok.json.refresh_token_expires_in, undefined);
      const secrets = await post(
        {
          grant_type: "client_credentials",
          client_id: web.clientId,
          client_secret: web.secret,
          scope: "https://graph.microsoft.com/.default",
        },
        APP_ORIGIN,
      );
      assert.deepEqual(secrets.json.error_codes, [9002326]);
    });
  });
}
