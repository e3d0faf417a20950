import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness } from "../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient, verifier } from "./testing/code-flow";
import { createTestTenant, registerTestApp } from "./testing/oauth-fixtures";
import { signIn } from "./testing/sign-in-pages";

for (const target of await testTargets()) {
  describe(`authorize requests: redirects, consent, response modes, prompts and audiences (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { authorizeUrl, signInAndGetCode } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());

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

    it("sends client_info beside the code when the request asks for it (client_info=1), as msal-browser does", async () => {
      const browser = new Browser(h.app);
      const asked = await signInAndGetCode(browser, { client_info: "1" });
      const info = JSON.parse(
        Buffer.from(asked.location.searchParams.get("client_info") ?? "", "base64url").toString(),
      );
      assert.match(info.uid, /^[0-9a-f-]{36}$/);
      assert.match(info.utid, /^[0-9a-f-]{36}$/);
      const plain = await signInAndGetCode(browser);
      assert.equal(plain.location.searchParams.get("client_info"), null, "only when asked");
    });

    it("lists each permission once on the consent page, with Accepter as the primary button (issue 13, defect 10)", async () => {
      const tenantId = await createTestTenant(h.identity.ctx, "Lignes");
      const other = await registerTestApp(h.identity.ctx, { tenantId, name: "Appli lignes" });
      const browser = new Browser(h.app);
      const url = authorizeUrl({
        client_id: other.clientId,
        redirect_uri: other.redirect,
        scope: "openid profile User.Read",
      });
      let r = await browser.get(url);
      r = await browser.get(await signIn(browser, String(r.headers.location)));
      const lines = [...r.body.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
      assert.deepEqual(lines, [
        "Voir votre profil de base (nom, adresse)",
        "Vous connecter et lire votre profil",
      ]);
      assert.match(r.body, /value="accept" class="primary">Accepter</);
      assert.match(r.body, /value="cancel" class="secondary">Annuler</);
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

    it("with max_age=0 asks for a fresh sign-in even with a session; a recent enough one answers directly", async () => {
      const browser = new Browser(h.app);
      await signInAndGetCode(browser);
      const fresh = new URL(
        String((await browser.get(authorizeUrl({ max_age: "0" }))).headers.location),
        "https://x",
      );
      assert.equal(fresh.pathname, "/login");
      assert.equal(fresh.searchParams.get("prompt"), "login");
      assert.match(fresh.searchParams.get("return") ?? "", /login_started=\d+/);
      const recent = new URL(String((await browser.get(authorizeUrl({ max_age: "3600" }))).headers.location));
      assert.ok(recent.searchParams.get("code"), "a session of the last hour answers max_age=3600");
      const silent = new URL(
        String((await browser.get(authorizeUrl({ max_age: "0", prompt: "none" }))).headers.location),
      );
      assert.equal(silent.searchParams.get("error"), "login_required");
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
