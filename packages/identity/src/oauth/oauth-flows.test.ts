import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { GRAPH_APP_ID } from "../apps/graph-app";
import { CONSUMER_TENANT_ID } from "../config";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { notifyPasswordChanged } from "../sessions/password-change-listeners";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { s256Challenge } from "./pkce";
import { createTestTenant, registerTestApp } from "./testing/oauth-fixtures";
import { signIn } from "./testing/sign-in-pages";

const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

for (const target of await testTargets()) {
  describe(`authorization code, refresh and their failures (${target.label})`, () => {
    let h: IdentityHarness;
    let client: Awaited<ReturnType<typeof registerTestApp>>;
    const authorizeUrl = (extra: Record<string, string> = {}) =>
      `/common/oauth2/v2.0/authorize?${new URLSearchParams({
        client_id: client.clientId,
        redirect_uri: client.redirect,
        response_type: "code",
        response_mode: "",
        scope: "openid profile email offline_access User.Read",
        state: "st-1",
        nonce: "n-1",
        code_challenge: s256Challenge(verifier),
        code_challenge_method: "S256",
        ...extra,
      })}`;
    const token = async (form: Record<string, string>, tenant = "common") => {
      const r = await h.app.inject({
        method: "POST",
        url: `/${tenant}/oauth2/v2.0/token`,
        payload: new URLSearchParams(form).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      return { status: r.statusCode, json: r.json() };
    };
    /** Signs in through the real login page and consents; returns the code sent to the app. */
    const signInAndGetCode = async (browser: Browser, extra: Record<string, string> = {}) => {
      let r = await browser.get(authorizeUrl(extra));
      if (r.statusCode === 302 && String(r.headers.location).startsWith("/login")) {
        r = await browser.get(await signIn(browser, String(r.headers.location)));
      }
      if (r.statusCode === 200 && /Autorisations demandées/.test(r.body)) {
        const request = /name="request" value="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
        r = await browser.post("/common/oauth2/v2.0/authorize", { request, decision: "accept" });
      }
      assert.equal(r.statusCode, 302, r.body);
      const location = new URL(String(r.headers.location));
      return { location, code: location.searchParams.get("code") ?? "" };
    };
    const redeem = (code: string) =>
      token({
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: client.secret,
        code,
        redirect_uri: client.redirect,
        code_verifier: verifier,
        client_info: "1",
      });

    before(async () => {
      h = await startTestIdentity(target);
      await seedIdentityDemo(h.identity.ctx);
      const tenantId = await createTestTenant(h.identity.ctx);
      client = await registerTestApp(h.identity.ctx, { tenantId });
    });
    after(() => h.close());

    it("signs a personal account in, asks consent once, and issues Microsoft-shaped tokens", async () => {
      const browser = new Browser(h.app);
      const first = await browser.get(authorizeUrl());
      assert.equal(first.statusCode, 302);
      assert.match(String(first.headers.location), /^\/login\?return=%2Fcommon%2Foauth2%2Fv2.0%2Fauthorize/);
      const { location, code } = await signInAndGetCode(browser);
      assert.equal(location.origin + location.pathname, client.redirect);
      assert.equal(location.searchParams.get("state"), "st-1");
      const { status, json } = await redeem(code);
      assert.equal(status, 200, JSON.stringify(json));
      assert.equal(json.token_type, "Bearer");
      assert.equal(json.expires_in, 3599);
      assert.equal(json.ext_expires_in, 3599);
      assert.ok(json.refresh_token);
      const id = decodeJwt(json.id_token);
      assert.equal(id.aud, client.clientId);
      assert.equal(id.iss, `${h.identity.ctx.origin}/${CONSUMER_TENANT_ID}/v2.0`);
      assert.equal(id.tid, CONSUMER_TENANT_ID);
      assert.equal(id.nonce, "n-1");
      assert.equal(id.ver, "2.0");
      assert.equal(id.preferred_username, demoPersonalAccount.email);
      assert.equal(id.email, demoPersonalAccount.email);
      assert.notEqual(id.sub, id.oid);
      const at = decodeJwt(json.access_token);
      assert.equal(at.aud, GRAPH_APP_ID);
      assert.equal(at.scp, "User.Read openid profile email");
      assert.equal(at.azp, client.clientId);
      assert.equal(at.azpacr, "1");
      const info = JSON.parse(Buffer.from(json.client_info, "base64url").toString());
      assert.deepEqual(info, { uid: id.oid, utid: CONSUMER_TENANT_ID });
      // Consent is remembered: the next request goes straight back to the app.
      const again = await browser.get(authorizeUrl());
      assert.equal(again.statusCode, 302);
      assert.ok(new URL(String(again.headers.location)).searchParams.get("code"));
    });

    it("refuses a replayed code with AADSTS54005 and revokes the refresh token it issued", async () => {
      const browser = new Browser(h.app);
      const { code } = await signInAndGetCode(browser);
      const first = await redeem(code);
      assert.equal(first.status, 200);
      const replay = await redeem(code);
      assert.equal(replay.status, 400);
      assert.equal(replay.json.error, "invalid_grant");
      assert.deepEqual(replay.json.error_codes, [54005]);
      assert.match(
        replay.json.error_description,
        /^AADSTS54005: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
      );
      assert.match(replay.json.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
      const refresh = await token({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: first.json.refresh_token,
        scope: "openid offline_access User.Read",
      });
      assert.equal(refresh.status, 400);
      assert.equal(refresh.json.error, "invalid_grant");
    });

    it("rotates refresh tokens, and a reused one revokes the whole family", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const issued = await redeem(code);
      const form = (rt: string) => ({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: rt,
        scope: "openid offline_access User.Read",
      });
      const second = await token(form(issued.json.refresh_token));
      assert.equal(second.status, 200);
      assert.notEqual(second.json.refresh_token, issued.json.refresh_token);
      const reuse = await token(form(issued.json.refresh_token));
      assert.equal(reuse.status, 400);
      assert.deepEqual(reuse.json.error_codes, [70008]);
      const newest = await token(form(second.json.refresh_token));
      assert.equal(newest.status, 400, "the family is revoked");
    });

    it("ends every refresh token of the account when its password changes", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const issued = await redeem(code);
      const oid = String(decodeJwt(issued.json.id_token).oid);
      await h.identity.ctx.db.transaction().execute((trx) => notifyPasswordChanged(trx, oid));
      const refresh = await token({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: issued.json.refresh_token,
        scope: "openid offline_access User.Read",
      });
      assert.equal(refresh.status, 400);
      assert.deepEqual(refresh.json.error_codes, [70008]);
    });

    it("refuses a wrong PKCE verifier, an unknown code, a wrong secret and a missing parameter", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const wrongVerifier = await token({
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: client.secret,
        code,
        redirect_uri: client.redirect,
        code_verifier: "x".repeat(43),
      });
      assert.deepEqual(wrongVerifier.json.error_codes, [501481]);
      const unknown = await redeem("1.not-a-code");
      assert.deepEqual(unknown.json.error_codes, [9002313]);
      const badSecret = await token({
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: "nope",
        code,
        redirect_uri: client.redirect,
      });
      assert.equal(badSecret.status, 401);
      assert.equal(badSecret.json.error, "invalid_client");
      assert.deepEqual(badSecret.json.error_codes, [7000215]);
      const missing = await token({ client_id: client.clientId });
      assert.deepEqual(missing.json.error_codes, [900144]);
      assert.match(missing.json.error_description, /'grant_type'/);
    });

    it("never redirects to an unregistered URI: AADSTS50011 on a page with trace and correlation ids", async () => {
      const browser = new Browser(h.app, "en");
      for (const evil of [
        "https://evil.example/callback",
        `${client.redirect}/../evil`,
        `${client.redirect}?x=1`,
        "//evil.example",
      ]) {
        const r = await browser.get(authorizeUrl({ redirect_uri: evil }));
        assert.equal(r.statusCode, 400);
        assert.equal(r.headers.location, undefined);
        assert.match(r.body, /AADSTS50011/);
        assert.match(r.body, /Correlation ID/);
      }
      const unknownApp = await browser.get(
        authorizeUrl({ client_id: "11111111-1111-1111-1111-111111111111" }),
      );
      assert.match(unknownApp.body, /AADSTS700016/);
      const unknownTenant = await browser.get(authorizeUrl().replace("/common/", "/nowhere.example/"));
      assert.match(unknownTenant.body, /AADSTS90002/);
    });

    it("sends protocol errors to the registered redirect URI", async () => {
      const browser = new Browser(h.app);
      const silent = await browser.get(authorizeUrl({ prompt: "none" }));
      const params = new URL(String(silent.headers.location)).searchParams;
      assert.equal(params.get("error"), "login_required");
      assert.match(params.get("error_description") ?? "", /^AADSTS50058/);
      assert.equal(params.get("state"), "st-1");
      const badScope = new URL(
        String((await browser.get(authorizeUrl({ scope: "openid Files.Fly" }))).headers.location),
      );
      assert.equal(badScope.searchParams.get("error"), "invalid_scope");
      assert.match(badScope.searchParams.get("error_description") ?? "", /^AADSTS70011/);
      const plain = new URL(
        String((await browser.get(authorizeUrl({ code_challenge_method: "plain" }))).headers.location),
      );
      assert.equal(plain.searchParams.get("error"), "invalid_request");
      const missingScope = new URL(String((await browser.get(authorizeUrl({ scope: "" }))).headers.location));
      assert.match(missingScope.searchParams.get("error_description") ?? "", /^AADSTS900144/);
      const fragment = new URL(
        String(
          (await browser.get(authorizeUrl({ prompt: "none", response_mode: "fragment" }))).headers.location,
        ),
      );
      assert.match(fragment.hash, /error=login_required/);
    });

    it("shows the consent page again for prompt=consent and for a new permission only", async () => {
      const browser = new Browser(h.app);
      await signInAndGetCode(browser);
      const again = await browser.get(authorizeUrl({ prompt: "consent" }));
      assert.equal(again.statusCode, 200);
      assert.match(again.body, /Autorisations demandées/);
      const wider = await browser.get(authorizeUrl({ scope: "openid User.Read User.ReadBasic.All" }));
      assert.equal(wider.statusCode, 200);
      assert.match(wider.body, /Lire le profil de base de tous les utilisateurs/);
      assert.doesNotMatch(
        wider.body,
        /Vous connecter et lire votre profil/,
        "only the new permission is listed",
      );
    });

    it("returns access_denied (AADSTS65004) when the user cancels consent", async () => {
      const tenantId = await createTestTenant(h.identity.ctx, "Other");
      const other = await registerTestApp(h.identity.ctx, { tenantId, name: "Autre appli" });
      const browser = new Browser(h.app);
      const url = authorizeUrl({ client_id: other.clientId, redirect_uri: other.redirect });
      let r = await browser.get(url);
      r = await browser.get(await signIn(browser, String(r.headers.location)));
      assert.match(r.body, /Vous connecter et lire votre profil/);
      assert.match(r.body, /Accepter/);
      const request = /name="request" value="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
      r = await browser.post("/common/oauth2/v2.0/authorize", { request, decision: "cancel" });
      const params = new URL(String(r.headers.location)).searchParams;
      assert.equal(params.get("error"), "access_denied");
      assert.match(params.get("error_description") ?? "", /^AADSTS65004/);
    });

    it("answers with form_post as an auto-submitted form, and reads token parameters from the query string too", async () => {
      const browser = new Browser(h.app);
      await signInAndGetCode(browser);
      const r = await browser.get(authorizeUrl({ response_mode: "form_post" }));
      assert.equal(r.statusCode, 200);
      assert.match(
        r.body,
        new RegExp(`<form id="oauth-response" method="post" action="${client.redirect}">`),
      );
      assert.match(r.body, /name="state" value="st-1"/);
      assert.match(
        r.body,
        /<script nonce="[^"]+">document.getElementById\("oauth-response"\).submit\(\);<\/script>/,
      );
      const code = /name="code" value="([^"]+)"/.exec(r.body)?.[1] ?? "";
      const query = new URLSearchParams({
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: client.secret,
        code,
        redirect_uri: client.redirect,
        code_verifier: verifier,
      });
      const viaQuery = await h.app.inject({ method: "POST", url: `/common/oauth2/v2.0/token?${query}` });
      assert.equal(viaQuery.statusCode, 200, viaQuery.body);
    });

    it("sends prompt=login and prompt=select_account to the sign-in pages, with login_hint", async () => {
      const browser = new Browser(h.app);
      await signInAndGetCode(browser);
      const login = new URL(
        String(
          (await browser.get(authorizeUrl({ prompt: "login", login_hint: "camille.durand@outlook.fr" })))
            .headers.location,
        ),
        "https://x",
      );
      assert.equal(login.pathname, "/login");
      assert.equal(login.searchParams.get("login_hint"), "camille.durand@outlook.fr");
      assert.match(login.searchParams.get("return") ?? "", /login_started=\d+/);
      const pick = new URL(
        String((await browser.get(authorizeUrl({ prompt: "select_account" }))).headers.location),
        "https://x",
      );
      assert.equal(pick.pathname, "/select-account");
    });

    it("applies the sign-in audience: single-tenant apps on /common (50194), personal accounts (50020)", async () => {
      const tenantId = await createTestTenant(h.identity.ctx, "Solo");
      const single = await registerTestApp(h.identity.ctx, { tenantId, audience: "AzureADMyOrg" });
      const browser = new Browser(h.app);
      const r = await browser.get(
        authorizeUrl({ client_id: single.clientId, redirect_uri: single.redirect }),
      );
      assert.match(
        new URL(String(r.headers.location)).searchParams.get("error_description") ?? "",
        /^AADSTS50194/,
      );
      const orgs = await registerTestApp(h.identity.ctx, { tenantId, audience: "AzureADMultipleOrgs" });
      await signInAndGetCode(browser);
      const denied = await browser.get(
        authorizeUrl({ client_id: orgs.clientId, redirect_uri: orgs.redirect }),
      );
      const params = new URL(String(denied.headers.location)).searchParams;
      assert.equal(params.get("error"), "access_denied");
      assert.match(params.get("error_description") ?? "", /^AADSTS50020/);
    });
  });
}
