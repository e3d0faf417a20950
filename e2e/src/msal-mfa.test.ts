import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { demoPersonalAccount, seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { totpCode } from "@sesame/identity/factors/totp-test-support";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { acceptConsent } from "@sesame/identity/oauth/testing/sign-in-pages";
import { Browser, type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { MsalProcess } from "./msal-process-driver";

const [target] = await testTargets();
const { email, password } = demoPersonalAccount;
const sidOf = (body: string) => /name="sid" value="([^"]+)"/.exec(body)?.[1] ?? "";

describe("MSAL Node and the second factor", () => {
  let h: IdentityHarness;
  let web: Awaited<ReturnType<typeof registerTestApp>>;
  let key = "";
  const authCode = () =>
    new MsalProcess(
      {
        kind: "auth-code",
        authority: `${h.identity.url}/common`,
        knownAuthority: new URL(h.identity.url).host,
        clientId: web.clientId,
        scopes: ["User.Read"],
        clientSecret: web.secret,
        redirectUri: web.redirect,
        pauseBeforeRefresh: true,
      },
      h.identity.caFile,
    );

  /** Email, password, the code when the page asks for one, "Stay signed in?", consent: the code for the app. */
  async function signInForCode(authorizeUrl: string, code?: string) {
    const browser = new Browser(h.app, "en");
    const url = new URL(authorizeUrl);
    let r = await browser.get(`${url.pathname}${url.search}`);
    const location = String(r.headers.location);
    const returnTo = new URL(location, "https://x").searchParams.get("return") ?? "";
    await browser.get(location);
    await browser.post("/login", { email, return: returnTo });
    r = await browser.post("/login/password", { email, password, return: returnTo });
    const askedForCode = /Verify your identity/.test(r.body);
    if (askedForCode) {
      const challenge = /name="challenge" value="([^"]+)"/.exec(r.body)?.[1] ?? "";
      r = await browser.post("/login/factor", { challenge, code: code ?? "" });
    }
    r = await browser.post("/login/kmsi", { return: returnTo, sid: sidOf(r.body), answer: "no" });
    r = await acceptConsent(
      browser,
      await browser.get(String(r.headers.location)),
      "/common/oauth2/v2.0/authorize",
    );
    assert.equal(r.statusCode, 302, r.body);
    return { askedForCode, code: new URL(String(r.headers.location)).searchParams.get("code") ?? "" };
  }

  before(async () => {
    h = await startTestIdentity(target!, {
      listen: true,
      env: { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" },
    });
    await seedIdentityDemo(h.identity.ctx);
    const tenantId = await createTestTenant(h.identity.ctx);
    web = await registerTestApp(h.identity.ctx, {
      tenantId,
      name: "Appli web",
      redirect: "https://app.example/callback",
    });
  });
  after(() => h.close());

  it("a refresh of a password-only sign-in fails with InteractionRequiredAuthError once a factor is on", async () => {
    const msal = authCode();
    const { authorizeUrl } = (await msal.next()) as { authorizeUrl: string };
    const first = await signInForCode(authorizeUrl);
    assert.equal(first.askedForCode, false);
    msal.send({ code: first.code });
    const tokens = await msal.next();
    assert.ok(tokens.idToken);

    // The person turns on an authenticator app.
    const browser = new Browser(h.app, "en");
    await browser.get("/login");
    await browser.post("/login", { email });
    const sid = sidOf((await browser.post("/login/password", { email, password })).body);
    await browser.post("/login/kmsi", { sid, answer: "no" });
    const setup = await browser.get(`/account/security/totp?sid=${sid}`);
    key = /data-totp-secret>([^<]+)</.exec(setup.body)?.[1] ?? "";
    assert.equal(
      (await browser.post("/account/security/totp", { sid, code: totpCode(key) })).statusCode,
      200,
    );

    msal.send({ go: "refresh" });
    const { error } = await msal.outcome();
    assert.equal(error?.name, "InteractionRequiredAuthError", JSON.stringify(error));
    assert.equal(error?.subError, "basic_action");
    assert.match(String(error?.message), /AADSTS50076/);
  });

  it("the auth-code flow then asks for the code, and MSAL gets and refreshes tokens of that sign-in", async () => {
    assert.ok(key, "the previous test turned the app on");
    const msal = authCode();
    const { authorizeUrl } = (await msal.next()) as { authorizeUrl: string };
    // The current step turned the app on; the app's next code is within the window.
    const signedIn = await signInForCode(authorizeUrl, totpCode(key, Date.now() + 30_000));
    assert.equal(signedIn.askedForCode, true, "the factor is required after the password");
    msal.send({ code: signedIn.code });
    const tokens = await msal.next();
    const id = decodeJwt(String(tokens.idToken));
    assert.equal(id.preferred_username, email);
    assert.equal(id.amr, undefined, "a v2 ID token has no amr at Microsoft (v1 tokens carry it)");
    msal.send({ go: "refresh" });
    const { result, error } = await msal.outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    assert.ok(result?.refreshedAccessToken);
  });
});
