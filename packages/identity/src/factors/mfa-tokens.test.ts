import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { LightMyRequestResponse } from "fastify";
import { decodeJwt } from "jose";
import { GRAPH_RESOURCE } from "../apps/graph-app";
import { demoPersonalAccount } from "../demo/demo-data";
import { s256Challenge } from "../oauth/pkce";
import { codeFlowHelpers, startCodeFlow, type TestClient, verifier } from "../oauth/testing/code-flow";
import { acceptConsent } from "../oauth/testing/sign-in-pages";
import type { Browser as TestBrowser } from "../testing/identity-harness";
import { Browser, type IdentityHarness } from "../testing/identity-harness";
import { totpCode } from "./totp-test-support";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const { email, password } = demoPersonalAccount;
const sidOf = (body: string) => /name="sid" value="([^"]+)"/.exec(body)?.[1] ?? "";
const challengeOf = (body: string) => /name="challenge" value="([^"]+)"/.exec(body)?.[1] ?? "";

/** Follows the sign-in pages from a redirect to /login or /login/factor until they send back to `return`. */
async function completeSignIn(browser: TestBrowser, location: string, code: () => string) {
  const returnTo = new URL(location, "https://x").searchParams.get("return") ?? "";
  let page: LightMyRequestResponse;
  if (location.startsWith("/login/factor")) {
    page = await browser.get(location);
  } else {
    await browser.get(location);
    await browser.post("/login", { email, return: returnTo });
    page = await browser.post("/login/password", { email, password, return: returnTo });
  }
  if (/name="challenge"/.test(page.body)) {
    page = await browser.post("/login/factor", { challenge: challengeOf(page.body), code: code() });
  }
  if (page.statusCode === 200) {
    page = await browser.post("/login/kmsi", { return: returnTo, sid: sidOf(page.body), answer: "no" });
  }
  assert.equal(page.statusCode, 303, page.body);
  return String(page.headers.location);
}

for (const target of await testTargets()) {
  describe(`tokens and the second factor (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const flow = codeFlowHelpers(() => ({ h, client }));
    let key = "";
    // The app's code of the next step: the current one turned the app on (a step works once).
    const nextCode = () => totpCode(key, Date.now() + 30_000);
    // The browser whose session proved the second factor (first test), reused by the second.
    let stepped: TestBrowser | undefined;

    before(async () => {
      ({ h, client } = await startCodeFlow(target, fast));
    });
    after(() => h.close());

    async function authorize(browser: TestBrowser, url: string, action: string) {
      let r = await browser.get(url);
      if (r.statusCode === 302 && String(r.headers.location).startsWith("/login")) {
        r = await browser.get(await completeSignIn(browser, String(r.headers.location), nextCode));
      }
      r = await acceptConsent(browser, r, action);
      assert.equal(r.statusCode, 302, r.body);
      return new URL(String(r.headers.location));
    }

    it("turns a password-only grant away with AADSTS50076 once the account has a factor, and asks for it at authorize", async () => {
      const browser = new Browser(h.app, "en");
      const first = await authorize(browser, flow.authorizeUrl(), "/common/oauth2/v2.0/authorize");
      const redeemed = await flow.redeem(first.searchParams.get("code") ?? "");
      assert.equal(redeemed.status, 200, JSON.stringify(redeemed.json));
      assert.equal(
        decodeJwt(redeemed.json.id_token).amr,
        undefined,
        "v2 ID tokens carry no amr, as at Microsoft",
      );

      // The person sets up an authenticator app (in another browser).
      const other = new Browser(h.app, "en");
      await other.get("/login");
      await other.post("/login", { email });
      const kmsi = await other.post("/login/password", { email, password });
      const sid = sidOf(kmsi.body);
      await other.post("/login/kmsi", { sid, answer: "no" });
      const setup = await other.get(`/account/security/totp?sid=${sid}`);
      key = /data-totp-secret>([^<]+)</.exec(setup.body)?.[1] ?? "";
      assert.equal(
        (await other.post("/account/security/totp", { sid, code: totpCode(key) })).statusCode,
        200,
      );

      const refused = await flow.refresh(redeemed.json.refresh_token);
      assert.equal(refused.status, 400);
      assert.equal(refused.json.error, "interaction_required");
      assert.equal(refused.json.suberror, "basic_action");
      assert.deepEqual(refused.json.error_codes, [50076]);
      assert.match(refused.json.error_description, /^AADSTS50076: .*must use multi-factor authentication/);

      // prompt=none cannot ask: the app gets interaction_required.
      const silent = await browser.get(flow.authorizeUrl({ prompt: "none" }));
      const back = new URL(String(silent.headers.location));
      assert.equal(back.searchParams.get("error"), "interaction_required");
      assert.match(back.searchParams.get("error_description") ?? "", /AADSTS50076/);

      // An interactive request asks this session for the code, then issues a code.
      const prompted = await browser.get(flow.authorizeUrl());
      assert.equal(prompted.statusCode, 302);
      assert.match(String(prompted.headers.location), /^\/login\/factor\?sid=/);
      const asked = await browser.get(String(prompted.headers.location));
      assert.match(asked.body, /Verify your identity/);
      const afterStepUp = await authorize(browser, flow.authorizeUrl(), "/common/oauth2/v2.0/authorize");
      stepped = browser;
      const again = await flow.redeem(afterStepUp.searchParams.get("code") ?? "");
      assert.equal(again.status, 200, JSON.stringify(again.json));
      assert.equal(
        (await flow.refresh(again.json.refresh_token)).status,
        200,
        "a grant of a sign-in with the factor refreshes",
      );
    });

    it("puts pwd, otp and mfa in v1 tokens and auth_time of the sign-in with the factor", async () => {
      const browser = stepped;
      assert.ok(browser, "the previous test signed in with the factor");
      const session = await h.identity.ctx.db
        .selectFrom("sign_in_session")
        .select("auth_time")
        .where("amr", "=", "pwd otp mfa")
        // The step-up's session is the latest (the set-up browser's session proved the app too).
        .orderBy("auth_time", "desc")
        .executeTakeFirstOrThrow();
      const url = `/common/oauth2/authorize?${new URLSearchParams({
        client_id: client.clientId,
        redirect_uri: client.redirect,
        response_type: "code",
        resource: GRAPH_RESOURCE,
        code_challenge: s256Challenge(verifier),
        code_challenge_method: "S256",
      })}`;
      const back = await authorize(browser, url, "/common/oauth2/authorize");
      const r = await h.app.inject({
        method: "POST",
        url: "/common/oauth2/token",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: client.clientId,
          client_secret: client.secret,
          code: back.searchParams.get("code") ?? "",
          redirect_uri: client.redirect,
          code_verifier: verifier,
          resource: GRAPH_RESOURCE,
        }).toString(),
      });
      const status = r.statusCode;
      const json = r.json();
      assert.equal(status, 200, JSON.stringify(json));
      const at = decodeJwt(json.access_token);
      assert.deepEqual(at.amr, ["pwd", "otp", "mfa"]);
      assert.equal(at.acr, "1");
      const id = decodeJwt(json.id_token);
      assert.deepEqual(id.amr, ["pwd", "otp", "mfa"]);
      assert.equal(
        id.auth_time,
        Math.floor(session.auth_time / 1000),
        "auth_time is the sign-in with the factor",
      );
    });
  });
}
