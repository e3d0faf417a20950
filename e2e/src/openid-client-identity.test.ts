import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCli } from "@sesame/identity/cli";
import { CONSUMER_TENANT_ID } from "@sesame/identity/config";
import { demoPersonalAccount, seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { Browser, type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { Agent, fetch as undiciFetch } from "undici";

const [target] = await testTargets();

describe("openid-client 6 against identity over verified HTTPS", () => {
  let h: IdentityHarness;
  let client: Awaited<ReturnType<typeof registerTestApp>>;
  let tenantId: string;
  let fetchWithCa: oidc.CustomFetch;
  const discover = (tenant: string) =>
    oidc.discovery(
      new URL(`${h.identity.url}/${tenant}/v2.0`),
      client.clientId,
      { client_secret: client.secret },
      oidc.ClientSecretPost(client.secret),
      {
        [oidc.customFetch]: fetchWithCa,
      },
    );
  const jwks = async () => {
    const response = await fetchWithCa(`${h.identity.url}/${CONSUMER_TENANT_ID}/discovery/v2.0/keys`, {
      method: "GET",
      headers: {},
      body: undefined,
      redirect: "manual",
      signal: undefined,
    } as never);
    return createLocalJWKSet((await response.json()) as JSONWebKeySet);
  };

  /** Browser part through identity's real pages (in-process): login, "Stay signed in?", consent. */
  async function browserPart(authorizeUrl: URL): Promise<URL> {
    const browser = new Browser(h.app);
    let r = await browser.get(authorizeUrl.pathname + authorizeUrl.search);
    const loginAt = String(r.headers.location);
    const returnTo = new URL(loginAt, h.identity.url).searchParams.get("return") ?? "";
    await browser.get(loginAt);
    await browser.post("/login", { email: demoPersonalAccount.email, return: returnTo });
    let done = await browser.post("/login/password", {
      email: demoPersonalAccount.email,
      password: demoPersonalAccount.password,
      return: returnTo,
    });
    if (done.statusCode === 200) {
      const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
      done = await browser.post("/login/kmsi", { return: returnTo, sid, answer: "no" });
    }
    r = await browser.get(String(done.headers.location));
    if (r.statusCode === 200) {
      const request = /name="request" value="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
      r = await browser.post(authorizeUrl.pathname, { request, decision: "accept" });
    }
    return new URL(String(r.headers.location));
  }

  before(async () => {
    h = await startTestIdentity(target!, { listen: true });
    await seedIdentityDemo(h.identity.ctx);
    tenantId = await createTestTenant(h.identity.ctx);
    client = await registerTestApp(h.identity.ctx, { tenantId });
    const agent = new Agent({ connect: { ca: h.identity.ca } });
    fetchWithCa = ((url: string, options: object) =>
      undiciFetch(url, { ...options, dispatcher: agent } as never)) as unknown as oidc.CustomFetch;
  });
  after(() => h.close());

  it("discovers identity with the issuer Microsoft gives the tenant", async () => {
    const config = await discover(CONSUMER_TENANT_ID);
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, `${h.identity.url}/${CONSUMER_TENANT_ID}/v2.0`);
    assert.equal(metadata.token_endpoint, `${h.identity.url}/${CONSUMER_TENANT_ID}/oauth2/v2.0/token`);
    assert.ok(metadata.supportsPKCE?.("S256"));
  });

  it("runs authorization code + PKCE and the ID token verifies against the published JWKS, also after a key rotation", async () => {
    const config = await discover(CONSUMER_TENANT_ID);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: client.redirect,
      scope: "openid profile email offline_access",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    const callback = await browserPart(url);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims();
    assert.equal(claims?.preferred_username, demoPersonalAccount.email);
    const issuer = `${h.identity.url}/${CONSUMER_TENANT_ID}/v2.0`;
    const idToken = tokens.id_token ?? "";
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, String(claims?.sub));
    assert.equal(userinfo.email, demoPersonalAccount.email);
    await jwtVerify(idToken, await jwks(), { issuer, audience: client.clientId });

    let printed = "";
    assert.equal(await runCli(["keys", "rotate", "--json"], h.identity.ctx.config, (t) => (printed += t)), 0);
    const newKid = JSON.parse(printed).kid as string;
    // The token signed before the rotation still verifies: its key stays published.
    await jwtVerify(idToken, await jwks(), { issuer, audience: client.clientId });
    // Within seconds the server signs with the new key (each instance rechecks every 5 s).
    const deadline = Date.now() + 15_000;
    let refreshed: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers = tokens;
    for (;;) {
      refreshed = await oidc.refreshTokenGrant(config, refreshed.refresh_token ?? "", {
        scope: "openid profile offline_access",
      });
      if (decodeProtectedHeader(refreshed.id_token ?? "").kid === newKid || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(decodeProtectedHeader(refreshed.id_token ?? "").kid, newKid);
    await jwtVerify(refreshed.id_token ?? "", await jwks(), { issuer, audience: client.clientId });
  });

  it("obtains an app-only token with client credentials", async () => {
    const config = await discover(tenantId);
    const tokens = await oidc.clientCredentialsGrant(config, {
      scope: "https://graph.microsoft.com/.default",
    });
    assert.equal(tokens.token_type, "bearer");
    assert.equal(tokens.expires_in, 3599);
    assert.ok(tokens.access_token);
  });
});
