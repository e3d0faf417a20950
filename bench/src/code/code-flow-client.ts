/**
 * The code benchmark's client side, the same for every server: authorize (following the server's own
 * redirects) → code → redemption with PKCE, identity's one real sign-in, and refresh redemptions.
 */
import { randomBytes } from "node:crypto";
import { s256Challenge } from "@sesame/identity/oauth/pkce";
import { decodeJwt } from "jose";
import type { Pool } from "undici";
import type { Browser, CodeTarget } from "./browser";

const verifier = () => randomBytes(32).toString("base64url");

function authorizePath(target: CodeTarget, codeVerifier: string): string {
  return `${target.authorizePath}?${new URLSearchParams({
    client_id: target.clientId,
    redirect_uri: target.redirectUri,
    response_type: "code",
    scope: target.scope,
    state: randomBytes(8).toString("hex"),
    nonce: randomBytes(8).toString("hex"),
    code_challenge: s256Challenge(codeVerifier),
    code_challenge_method: "S256",
  })}`;
}

/** Follows the server's own redirects until one goes to the app; returns the code, or the page where it stopped. */
async function codeFrom(browser: Browser, target: CodeTarget, first: string) {
  let page = await browser.send("GET", first);
  for (let hops = 0; hops < 8; hops++) {
    if (page.location.startsWith(target.redirectUri)) {
      const code = new URL(page.location).searchParams.get("code");
      if (!code) throw new Error(`no code at the redirect: ${page.location}`);
      return { code, page: undefined };
    }
    if (!page.location || page.status < 300 || page.status >= 400) return { code: undefined, page };
    const next = new URL(page.location, target.url);
    page = await browser.send("GET", `${next.pathname}${next.search}`);
  }
  throw new Error("too many redirects");
}

/** identity: the real sign-in pages and the consent page, once; later flows ride on the session. */
export async function signInOnce(browser: Browser, target: CodeTarget): Promise<void> {
  const codeVerifier = verifier();
  const start = await browser.send("GET", authorizePath(target, codeVerifier));
  if (!start.location.startsWith("/login"))
    throw new Error(`authorize did not ask to sign in: ${start.status}`);
  const returnTo = new URL(start.location, target.url).searchParams.get("return") ?? "";
  await browser.send("GET", start.location);
  await browser.send("POST", "/login", { email: target.email ?? "", return: returnTo, _csrf: browser.csrf });
  let done = await browser.send("POST", "/login/password", {
    email: target.email ?? "",
    password: target.password ?? "",
    return: returnTo,
    _csrf: browser.csrf,
  });
  if (done.status === 200) {
    const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
    done = await browser.send("POST", "/login/kmsi", {
      return: returnTo,
      sid,
      answer: "yes",
      _csrf: browser.csrf,
    });
  }
  const result = await codeFrom(browser, target, done.location);
  if (result.code !== undefined) return;
  const request = /name="request" value="([^"]+)"/.exec(result.page.body)?.[1]?.replace(/&amp;/g, "&");
  if (!request)
    throw new Error(
      `neither a code nor a consent page: ${result.page.status} ${result.page.body.slice(0, 200)}`,
    );
  const consent = await browser.send("POST", target.authorizePath, {
    request,
    decision: "accept",
    _csrf: browser.csrf,
  });
  if (!consent.location.startsWith(target.redirectUri)) throw new Error(`consent gave ${consent.status}`);
}

async function postToken(pool: Pool, target: CodeTarget, form: Record<string, string>) {
  const response = await pool.request({
    method: "POST",
    path: target.tokenPath,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`token ${response.statusCode}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id_token?: string; refresh_token?: string; access_token?: string };
}

/**
 * Both servers must sign the same work: an ID token and a JWT access token per flow and per refresh
 * (oidc-provider's default access token is opaque, which would spare it one RS256 signature).
 */
function signedTokens(tokens: { id_token?: string; access_token?: string }) {
  if (!tokens.id_token || !tokens.access_token) throw new Error("no ID token or no access token");
  return { idToken: decodeJwt(tokens.id_token), accessToken: decodeJwt(tokens.access_token) };
}

/** One whole flow: authorize on the session → code → redemption; returns the refresh token. */
export async function flow(browser: Browser, target: CodeTarget): Promise<string> {
  const codeVerifier = verifier();
  const result = await codeFrom(browser, target, authorizePath(target, codeVerifier));
  if (result.code === undefined)
    throw new Error(`authorize stopped at ${result.page.status}: ${result.page.body.slice(0, 200)}`);
  const tokens = await postToken(browser.pool, target, {
    grant_type: "authorization_code",
    client_id: target.clientId,
    client_secret: target.clientSecret,
    code: result.code,
    redirect_uri: target.redirectUri,
    code_verifier: codeVerifier,
  });
  if (!tokens.id_token || !tokens.refresh_token) throw new Error("no ID token or no refresh token");
  signedTokens(tokens);
  return tokens.refresh_token;
}

/** One refresh redemption with the refresh token last given; returns the rotated one. */
export async function redeemRefresh(pool: Pool, target: CodeTarget, refreshToken: string): Promise<string> {
  const tokens = await postToken(pool, target, {
    grant_type: "refresh_token",
    client_id: target.clientId,
    client_secret: target.clientSecret,
    refresh_token: refreshToken,
    scope: target.refreshScope ?? target.scope,
  });
  if (!tokens.refresh_token) throw new Error("refresh gave no refresh token");
  signedTokens(tokens);
  return tokens.refresh_token;
}
