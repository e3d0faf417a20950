import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type FloorClient, redirect, sendJson } from "./floor-http";
import { GRAPH_APP_ID, lifetime, tenantId, user, uti } from "./floor-identity";
import { signJwt } from "./jws";

/**
 * The authorization-code flow with PKCE and rotated refresh tokens, reduced to its unavoidable
 * work: a session looked up from its cookie, the request checked against the client, a random code
 * kept in memory, the code redeemed once with its S256 verifier, two RS256 signatures (ID token and
 * Graph access token) and a random refresh token per redemption, rotated at every refresh.
 */
interface Grant {
  readonly scopes: readonly string[];
  readonly sid: string;
  readonly authTime: number;
  readonly nonce?: string;
}
interface PendingCode extends Grant {
  readonly challenge: string;
  readonly redirectUri: string;
  readonly expires: number;
}

const OIDC = new Set(["openid", "profile", "email", "offline_access"]);
const SESSION_COOKIE = "__Host-session";

export class CodeGrant {
  private readonly sessions = new Map<string, { sid: string; authTime: number }>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshTokens = new Map<string, Grant>();
  /** The one signed-in browser's cookie ("name=value"): the load generator sets it in every browser. */
  readonly sessionCookie: string;

  constructor(
    private readonly client: FloorClient,
    private readonly redirectUri: string,
    private readonly issuer: string,
  ) {
    const id = randomBytes(32).toString("base64url");
    this.sessions.set(id, { sid: randomUUID(), authTime: Math.floor(Date.now() / 1000) });
    this.sessionCookie = `${SESSION_COOKIE}=${id}`;
  }

  authorize(request: IncomingMessage, query: URLSearchParams, response: ServerResponse): void {
    const session = this.sessions.get(cookie(request.headers.cookie, SESSION_COOKIE) ?? "");
    const challenge = query.get("code_challenge") ?? "";
    const scopes = (query.get("scope") ?? "").split(" ");
    if (
      !session ||
      query.get("client_id") !== this.client.id ||
      query.get("redirect_uri") !== this.redirectUri ||
      query.get("response_type") !== "code" ||
      query.get("code_challenge_method") !== "S256" ||
      challenge.length !== 43 ||
      !scopes.includes("openid")
    ) {
      sendJson(response, 400, { error: "invalid_request" });
      return;
    }
    const code = randomBytes(32).toString("base64url");
    this.codes.set(code, {
      ...session,
      scopes,
      challenge,
      redirectUri: this.redirectUri,
      expires: Date.now() + 600_000,
      ...(query.has("nonce") ? { nonce: query.get("nonce") ?? "" } : {}),
    });
    const state = query.get("state");
    redirect(
      response,
      `${this.redirectUri}?code=${code}${state ? `&state=${encodeURIComponent(state)}` : ""}`,
    );
  }

  async redeemCode(form: URLSearchParams, response: ServerResponse): Promise<void> {
    if (!this.client.authenticates(form)) return sendJson(response, 401, { error: "invalid_client" });
    const code = form.get("code") ?? "";
    const pending = this.codes.get(code);
    this.codes.delete(code); // Used once, whatever the outcome.
    const verifier = form.get("code_verifier") ?? "";
    if (
      !pending ||
      pending.expires < Date.now() ||
      pending.redirectUri !== form.get("redirect_uri") ||
      createHash("sha256").update(verifier).digest("base64url") !== pending.challenge
    )
      return sendJson(response, 400, { error: "invalid_grant" });
    await this.issue(pending, response);
  }

  async refresh(form: URLSearchParams, response: ServerResponse): Promise<void> {
    if (!this.client.authenticates(form)) return sendJson(response, 401, { error: "invalid_client" });
    const token = form.get("refresh_token") ?? "";
    const grant = this.refreshTokens.get(token);
    this.refreshTokens.delete(token); // Rotated: the old one ends here.
    const asked = (form.get("scope") ?? "").split(" ");
    if (!grant || !asked.every((scope) => grant.scopes.includes(scope)))
      return sendJson(response, 400, { error: "invalid_grant" });
    await this.issue(grant, response);
  }

  private async issue(grant: Grant, response: ServerResponse): Promise<void> {
    const oidc = grant.scopes.filter((s) => OIDC.has(s));
    const scope = [
      ...grant.scopes.filter((s) => !OIDC.has(s)),
      ...oidc.filter((s) => s !== "offline_access"),
    ];
    const common = { iss: this.issuer, ...lifetime(), name: user.name, oid: user.oid };
    const [accessToken, idToken] = await Promise.all([
      signJwt({
        aud: GRAPH_APP_ID,
        ...common,
        scp: scope.join(" "),
        sid: grant.sid,
        sub: user.graphSub,
        tid: tenantId,
        uti: uti(),
        azp: this.client.id,
        azpacr: "1",
        preferred_username: user.email,
        ver: "2.0",
      }),
      signJwt({
        aud: this.client.id,
        ...common,
        auth_time: grant.authTime,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        sid: grant.sid,
        sub: user.appSub,
        tid: tenantId,
        uti: uti(),
        email: user.email,
        preferred_username: user.email,
        ver: "2.0",
      }),
    ]);
    const refreshToken = `1.${randomBytes(48).toString("base64url")}`;
    this.refreshTokens.set(refreshToken, { scopes: grant.scopes, sid: grant.sid, authTime: grant.authTime });
    sendJson(response, 200, {
      token_type: "Bearer",
      scope: scope.join(" "),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
    });
  }
}

/** One cookie's value from a Cookie header. */
function cookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
