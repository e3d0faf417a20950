import assert from "node:assert/strict";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { seedIdentityDemo } from "../../demo/demo-data";
import { type Browser, type IdentityHarness, startTestIdentity } from "../../testing/identity-harness";
import { s256Challenge } from "../pkce";
import { createTestTenant, registerTestApp } from "./oauth-fixtures";
import { signIn } from "./sign-in-pages";

/** RFC 7636 appendix B's verifier, used by every code flow of these tests. */
export const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

export type TestClient = Awaited<ReturnType<typeof registerTestApp>>;

/** identity with the demo data and one confidential client of an organization, for code-flow tests. */
export async function startCodeFlow(
  target: TestTarget,
  env: Record<string, string> = {},
): Promise<{ h: IdentityHarness; client: TestClient }> {
  const h = await startTestIdentity(target, { env });
  await seedIdentityDemo(h.identity.ctx);
  const tenantId = await createTestTenant(h.identity.ctx);
  return { h, client: await registerTestApp(h.identity.ctx, { tenantId }) };
}

/** The authorize URL, token call, sign-in-and-consent and code redemption of that client. */
export function codeFlowHelpers(current: () => { h: IdentityHarness; client: TestClient }) {
  const h = {
    get app() {
      return current().h.app;
    },
  };
  const client = {
    get clientId() {
      return current().client.clientId;
    },
    get redirect() {
      return current().client.redirect;
    },
    get secret() {
      return current().client.secret;
    },
  };
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
  const refresh = (refreshToken: string) =>
    token({
      grant_type: "refresh_token",
      client_id: client.clientId,
      client_secret: client.secret,
      refresh_token: refreshToken,
      scope: "openid offline_access User.Read",
    });
  return { authorizeUrl, token, signInAndGetCode, redeem, refresh };
}

/** The test app's authorization-code flow in that browser, consent included: its refresh token. */
export async function appRefreshToken(flow: ReturnType<typeof codeFlowHelpers>, browser: Browser) {
  let r = await browser.get(flow.authorizeUrl());
  if (r.statusCode === 200 && /name="request"/.test(r.body)) {
    const request = /name="request" value="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    r = await browser.post("/common/oauth2/v2.0/authorize", { request, decision: "accept" });
  }
  assert.equal(r.statusCode, 302, r.body);
  const code = new URL(String(r.headers.location)).searchParams.get("code") ?? "";
  const redeemed = await flow.redeem(code);
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.json));
  return String(redeemed.json.refresh_token);
}
