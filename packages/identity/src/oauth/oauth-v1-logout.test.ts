import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { GRAPH_RESOURCE } from "../apps/graph-app";
import { CONSUMER_TENANT_ID } from "../config";
import { seedIdentityDemo } from "../demo/demo-data";
import { AadstsError } from "../protocol/aadsts";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { s256Challenge } from "./pkce";
import { createTestTenant, registerTestApp } from "./testing/oauth-fixtures";
import { acceptConsent, signIn } from "./testing/sign-in-pages";

const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

describe("the AADSTS catalogue", () => {
  it("gives each listed code Microsoft's error value and message", () => {
    const cases: [ConstructorParameters<typeof AadstsError>[0], string, RegExp][] = [
      [50126, "invalid_grant", /invalid username or password/],
      [50053, "invalid_grant", /too many times/],
      [90014, "invalid_request", /required field 'x'/],
      [65001, "invalid_grant", /has not consented/],
      [7000215, "invalid_client", /Invalid client secret/],
      [50058, "login_required", /no user is signed in/],
    ];
    for (const [code, error, message] of cases) {
      const e = new AadstsError(code, { name: "x" });
      assert.equal(e.error, error);
      assert.match(e.description, new RegExp(`^AADSTS${code}: `));
      assert.match(e.message, message);
    }
    assert.equal(new AadstsError(7000215).status, 401);
  });
});

for (const target of await testTargets()) {
  describe(`v1 endpoints, expiry, consent and sign-out (${target.label})`, () => {
    let h: IdentityHarness;
    let client: Awaited<ReturnType<typeof registerTestApp>>;
    const post = async (url: string, form: Record<string, string>) => {
      const r = await h.app.inject({
        method: "POST",
        url,
        payload: new URLSearchParams(form).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      return { status: r.statusCode, json: r.json() };
    };
    const codeFor = async (browser: Browser, path: string, params: Record<string, string>) => {
      const url = `${path}?${new URLSearchParams({ client_id: client.clientId, redirect_uri: client.redirect, response_type: "code", state: "s", code_challenge: s256Challenge(verifier), code_challenge_method: "S256", ...params })}`;
      let r = await browser.get(url);
      if (String(r.headers.location).startsWith("/login"))
        r = await browser.get(await signIn(browser, String(r.headers.location)));
      r = await acceptConsent(browser, r, path);
      return new URL(String(r.headers.location));
    };
    before(async () => {
      h = await startTestIdentity(target);
      await seedIdentityDemo(h.identity.ctx);
      client = await registerTestApp(h.identity.ctx, { tenantId: await createTestTenant(h.identity.ctx) });
      await h.identity.ctx.db
        .updateTable("application")
        .set({ front_channel_logout_url: "https://app.example/signout" })
        .where("app_id", "=", client.clientId)
        .execute();
    });
    after(() => h.close());

    it("serves v1: resource instead of scope, string numbers, v1 issuer and appid", async () => {
      const browser = new Browser(h.app);
      const back = await codeFor(browser, `/${CONSUMER_TENANT_ID}/oauth2/authorize`, {
        resource: GRAPH_RESOURCE,
      });
      assert.ok(back.searchParams.get("session_state"));
      const { status, json } = await post(`/${CONSUMER_TENANT_ID}/oauth2/token`, {
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: client.secret,
        code: back.searchParams.get("code") ?? "",
        redirect_uri: client.redirect,
        code_verifier: verifier,
        resource: GRAPH_RESOURCE,
      });
      assert.equal(status, 200, JSON.stringify(json));
      assert.equal(json.expires_in, "3599");
      assert.equal(json.resource, GRAPH_RESOURCE);
      assert.match(json.expires_on, /^\d+$/);
      const at = decodeJwt(json.access_token);
      assert.equal(at.aud, GRAPH_RESOURCE);
      assert.equal(at.iss, `${h.identity.ctx.origin}/${CONSUMER_TENANT_ID}/`);
      assert.equal(at.appid, client.clientId);
      assert.equal(at.ver, "1.0");
      const idToken = decodeJwt(json.id_token);
      assert.equal(idToken.ver, "1.0");
      // v1 discovery's userinfo_endpoint answers with the same pairwise sub as the ID token.
      const discovery = (
        await h.app.inject({ method: "GET", url: `/${CONSUMER_TENANT_ID}/.well-known/openid-configuration` })
      ).json();
      const userinfo = await h.app.inject({
        method: "GET",
        url: new URL(discovery.userinfo_endpoint).pathname,
        headers: { authorization: `Bearer ${json.access_token}` },
      });
      assert.equal(userinfo.statusCode, 200, userinfo.body);
      assert.equal(userinfo.json().sub, idToken.sub);
      const anonymous = await h.app.inject({
        method: "POST",
        url: new URL(discovery.userinfo_endpoint).pathname,
      });
      assert.equal(anonymous.statusCode, 401);
    });

    it("gives a code 60 s by default, and refuses an expired one with AADSTS70008", async () => {
      const before = Date.now();
      const back = await codeFor(new Browser(h.app), "/common/oauth2/v2.0/authorize", {
        scope: "openid User.Read",
      });
      const issued = await h.identity.ctx.db
        .selectFrom("authorization_code")
        .select("expires_at")
        .where("redeemed_at", "is", null)
        .executeTakeFirstOrThrow();
      assert.ok(issued.expires_at >= before + 60_000 && issued.expires_at <= Date.now() + 60_000);
      await h.identity.ctx.db
        .updateTable("authorization_code")
        .set({ expires_at: Date.now() - 1 })
        .where("redeemed_at", "is", null)
        .execute();
      const { status, json } = await post("/common/oauth2/v2.0/token", {
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: client.secret,
        code: back.searchParams.get("code") ?? "",
        redirect_uri: client.redirect,
        code_verifier: verifier,
      });
      assert.equal(status, 400);
      assert.deepEqual(json.error_codes, [70008]);
    });

    it("asks for consent (AADSTS65001) when a refresh token is used for a permission never granted", async () => {
      const browser = new Browser(h.app);
      const back = await codeFor(browser, "/common/oauth2/v2.0/authorize", {
        scope: "openid offline_access User.Read",
      });
      const tokens = await post("/common/oauth2/v2.0/token", {
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: client.secret,
        code: back.searchParams.get("code") ?? "",
        redirect_uri: client.redirect,
        code_verifier: verifier,
      });
      const refused = await post("/common/oauth2/v2.0/token", {
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: tokens.json.refresh_token,
        scope: "https://graph.microsoft.com/Directory.Read.All",
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.json.error_codes, [65001]);
      // MSAL raises InteractionRequiredAuthError for invalid_grant only with this suberror.
      assert.equal(refused.json.error, "invalid_grant");
      assert.equal(refused.json.suberror, "consent_required");
    });

    it("signs out: ends the session, loads the app's front-channel logout in a frame, returns only to a registered URI", async () => {
      const browser = new Browser(h.app);
      await codeFor(browser, "/common/oauth2/v2.0/authorize", { scope: "openid User.Read" });
      const out = await browser.get(
        `/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(client.redirect)}&client_id=${client.clientId}`,
      );
      assert.equal(out.statusCode, 200);
      assert.match(out.body, /Vous êtes déconnecté/);
      assert.match(out.body, /<iframe src="https:\/\/app\.example\/signout\?sid=/);
      assert.match(String(out.headers["content-security-policy"]), /frame-src https:\/\/app\.example/);
      assert.match(out.body, new RegExp(`href="${client.redirect}"`));
      const silent = await browser.get(
        `/common/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: client.clientId, redirect_uri: client.redirect, response_type: "code", scope: "openid", prompt: "none", code_challenge: s256Challenge(verifier), code_challenge_method: "S256" })}`,
      );
      assert.equal(new URL(String(silent.headers.location)).searchParams.get("error"), "login_required");
      const evil = await new Browser(h.app).get(
        `/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}&client_id=${client.clientId}`,
      );
      assert.equal(evil.statusCode, 200);
      assert.doesNotMatch(evil.body, /href="https:\/\/evil\.example/);
      assert.equal(evil.headers.location, undefined);
    });

    it("returns after sign-out to a URI of an app this session signed in to, with no client_id (msal-browser)", async () => {
      const back = `/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(client.redirect)}`;
      const browser = new Browser(h.app);
      await codeFor(browser, "/common/oauth2/v2.0/authorize", { scope: "openid User.Read" });
      const out = await browser.get(back);
      assert.match(out.body, new RegExp(`href="${client.redirect}"`));
      const stranger = await new Browser(h.app).get(back);
      assert.doesNotMatch(
        stranger.body,
        /href="https:\/\/app\.example/,
        "no session: nothing to trust it by",
      );
    });
  });
}
