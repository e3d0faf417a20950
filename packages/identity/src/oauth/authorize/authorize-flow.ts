import type { FastifyReply, FastifyRequest } from "fastify";
import { guestOfHomeAccount } from "../../accounts/guest-account-queries";
import { type Application, redirectUris } from "../../apps/app-queries";
import { matchRedirectUri } from "../../apps/redirect-uri-rules";
import { grantTenantWide } from "../../consent/tenant-wide-grant";
import { AadstsError } from "../../protocol/aadsts";
import type { Authority } from "../../protocol/authority";
import { activeSessions, SESSION_COOKIE } from "../../sessions/sessions";
import { issueCode } from "../code-store";
import { isS256Challenge } from "../pkce";
import { resolveV1Resource, type ScopeRequest } from "../scopes";
import type { ApiVersion } from "../token-claims";
import { clientInfo } from "../token-claims";
import { type OauthDeps, userFacts } from "../token-issuer";
import { enabledAccount, factorMissing, readUserTokenFacts } from "../user-token-facts";
import { authorityProblem, userProblem } from "./audience-rules";
import { type AuthorizeParams, authorizeParams, type ResponseMode } from "./authorize-params";
import { errorParams, sendErrorPage, sendToClient } from "./authorize-response";
import {
  consentDecision,
  consentNeeded,
  recordConsent,
  sendAdminApprovalPage,
  sendConsentPage,
} from "./consent-step";
import { chooseSession } from "./session-choice";

const PROMPTS = new Set(["login", "none", "consent", "select_account", "admin_consent"]);

export interface AuthorizeInput {
  readonly tenant: string;
  readonly version: ApiVersion;
  /**
   * The authorize parameters as received (query string, or the one carried by the consent form),
   * parsed by `authorizeParams` first thing: a malformed request gets the error page, as at Entra.
   */
  readonly query: unknown;
  readonly path: string;
  readonly decision?: "accept" | "cancel";
  /** The admin ticked "Consent on behalf of your organization" (or the screen was the organization's). */
  readonly onBehalf?: boolean;
}

/**
 * The authorize pipeline. Until client and redirect URI are checked, errors are shown on a page
 * (never redirected); afterwards they go back to the registered redirect URI.
 */
export async function runAuthorize(
  deps: OauthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: AuthorizeInput,
) {
  const parsed = authorizeParams.safeParse(input.query);
  if (!parsed.success) return sendErrorPage(request, reply, new AadstsError(9002313, {}, "invalid_request"));
  const p = parsed.data;
  let authority: Authority;
  let app: Application | undefined;
  try {
    // Registrations come from the hot cache, as at the token endpoint (hot-cache.ts says for how
    // long); the session, the account, its factors and the consent are read below at every request.
    authority = await deps.cache.authority(input.tenant);
    if (!p.client_id) throw new AadstsError(900144, { name: "client_id" });
    app = (await deps.cache.client(p.client_id)).app;
    if (!app) throw new AadstsError(700016, { appId: p.client_id, tenant: input.tenant });
    if (!p.redirect_uri) throw new AadstsError(900144, { name: "redirect_uri" });
  } catch (error) {
    if (error instanceof AadstsError) return sendErrorPage(request, reply, error);
    throw error;
  }
  const registered = matchRedirectUri(await redirectUris(deps.ctx.db, app.id), p.redirect_uri);
  if (!registered)
    return sendErrorPage(request, reply, new AadstsError(50011, { uri: p.redirect_uri, appId: app.app_id }));
  const mode: ResponseMode =
    p.response_mode === "fragment" || p.response_mode === "form_post" ? p.response_mode : "query";
  const target = { redirectUri: registered.uri, mode };
  try {
    if (p.response_mode !== undefined && !["query", "fragment", "form_post"].includes(p.response_mode)) {
      throw new AadstsError(9002313, {}, "invalid_request");
    }
    if (!p.response_type) throw new AadstsError(900144, { name: "response_type" });
    if (p.response_type !== "code")
      throw new AadstsError(700051, { type: p.response_type }, "unsupported_response_type");
    const problem = authorityProblem(app, authority);
    if (problem) throw problem;
    if (p.code_challenge_method && p.code_challenge_method !== "S256") {
      throw new AadstsError(5000810, { method: p.code_challenge_method });
    }
    if (p.code_challenge && !isS256Challenge(p.code_challenge)) throw new AadstsError(501491);
    if (!p.code_challenge && registered.kind !== "web") throw new AadstsError(9002325);
    if (p.prompt && !PROMPTS.has(p.prompt)) throw new AadstsError(9002313, {}, "invalid_request");
    const tenantLabel = authority.tenantId ?? input.tenant;
    let scopes: ScopeRequest;
    if (input.version === "2") {
      if (!p.scope) throw new AadstsError(900144, { name: "scope" });
      scopes = await deps.cache.scopeRequest(p.scope, tenantLabel);
    } else {
      scopes = await resolveV1Resource(deps.ctx.db, p.resource ?? "https://graph.microsoft.com", tenantLabel);
    }
    return await withSession(deps, request, reply, { ...input, p, app, authority, scopes, target });
  } catch (error) {
    if (error instanceof AadstsError)
      return sendToClient(request, reply, target, errorParams(request, error, p.state));
    throw error;
  }
}

/** OIDC max_age: set, and every session of this browser signed in longer ago than that. */
function maxAgeExceeded(raw: string | undefined, sessions: readonly { authTime: number }[]): boolean {
  if (raw === undefined || !/^\d{1,10}$/.test(raw)) return false;
  const oldest = Date.now() - Number(raw) * 1000;
  return !sessions.some((s) => s.authTime > oldest);
}

/** Where the sign-in pages send the browser back: this request, without a previous `sid`. */
function returnAddress(path: string, p: AuthorizeParams): string {
  const back = new URLSearchParams();
  for (const [k, v] of Object.entries(p))
    if (v !== undefined && k !== "sid" && k !== "login_started") back.set(k, v);
  if (p.prompt === "login") back.set("login_started", String(Date.now()));
  return `${path}?${back.toString()}`;
}

async function withSession(
  deps: OauthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: AuthorizeInput & {
    p: AuthorizeParams;
    app: Application;
    authority: Authority;
    scopes: ScopeRequest;
    target: { redirectUri: string; mode: ResponseMode };
  },
) {
  const { app, authority, scopes, target } = input;
  const sessions = await activeSessions(deps.ctx.db, request.cookies[SESSION_COOKIE]);
  // max_age: no session signed in recently enough asks for a fresh sign-in, as prompt=login does.
  const maxAge = maxAgeExceeded(input.p.max_age, sessions);
  if (maxAge && input.p.prompt === "none") throw new AadstsError(50058);
  const p = maxAge ? { ...input.p, prompt: "login" } : input.p;
  const choice = chooseSession({
    sessions,
    sid: p.sid,
    prompt: p.prompt,
    loginHint: p.login_hint,
    loginStarted: p.login_started ? Number(p.login_started) : undefined,
  });
  if (choice.kind === "login_required") throw new AadstsError(50058);
  if (choice.kind === "interaction_required") throw new AadstsError(16000);
  if (choice.kind === "login" || choice.kind === "select") {
    const returnTo = returnAddress(input.path, p);
    const page = choice.kind === "login" ? "/login" : "/select-account";
    const query = new URLSearchParams({ return: returnTo });
    for (const name of ["login_hint", "domain_hint", "prompt"] as const) {
      const value = p[name];
      if (value) query.set(name, value);
    }
    return reply.redirect(`${page}?${query.toString()}`, 302);
  }
  const session = choice.session;
  // The account, its guest row and its factors in one statement (the session holds its amr).
  const own = await readUserTokenFacts(deps.ctx.db, session.account.id, null);
  // The account needs a second factor this session has not proved: ask for it (step-up).
  if (own && factorMissing(own, session.amr)) {
    if (p.prompt === "none") throw new AadstsError(50076, { resource: scopes.resourceRequested });
    const query = new URLSearchParams({ sid: session.id, return: returnAddress(input.path, p) });
    return reply.redirect(`/login/factor?${query.toString()}`, 302);
  }
  // A passcode guest signed in before accepting (a session kept from an unfinished redemption) sees
  // "Review permissions" once before any application gets a token for them.
  if (own?.awaitsReview) {
    if (p.prompt === "none") throw new AadstsError(16000);
    const query = new URLSearchParams({
      guest: session.account.id,
      sid: session.id,
      return: returnAddress(input.path, p),
    });
    return reply.redirect(`/redeem/review?${query.toString()}`, 302);
  }
  // Through a tenant's authority, an account that redeemed an invitation of that tenant is its guest.
  const guestId =
    authority.tenantId && session.account.tenant_id !== authority.tenantId
      ? await guestOfHomeAccount(deps.ctx.db, authority.tenantId, session.account.id)
      : undefined;
  const user = guestId ? await userFacts(deps.ctx.db, guestId) : enabledAccount(own).user;
  const problem = userProblem(app, authority, user);
  if (problem) throw problem;
  const forced = p.prompt === "admin_consent";
  const consent = await consentNeeded(deps.ctx.db, {
    app,
    user,
    scopes,
    prompt: forced ? "consent" : p.prompt,
  });
  if (consent.missing.length > 0) {
    const { mayConsent, offer } = await consentDecision(deps.ctx.db, { app, user, scopes, ...consent });
    const ask = {
      db: deps.ctx.db,
      user,
      resourceAppId: scopes.resource.app_id,
      scopes: [...new Set([...consent.missing, ...consent.values])],
    };
    if (forced && !offer) return sendAdminApprovalPage(request, reply, app, ask);
    if (!mayConsent) {
      if (p.prompt === "none")
        throw new AadstsError(65001, { appId: app.app_id, name: app.display_name }, "consent_required");
      return sendAdminApprovalPage(request, reply, app, ask);
    }
    if (input.decision === "cancel") throw new AadstsError(65004);
    if (input.decision !== "accept") {
      if (p.prompt === "none")
        throw new AadstsError(65001, { appId: app.app_id, name: app.display_name }, "consent_required");
      const carried = new URLSearchParams();
      for (const [k, v] of Object.entries(p)) if (v !== undefined) carried.set(k, v);
      carried.set("sid", session.id);
      return sendConsentPage(deps.ctx.db, request, reply, {
        app,
        user,
        scopes,
        items: consent.missing,
        request: carried.toString(),
        action: input.path,
        ...(offer ? { organization: { offer, forced } } : {}),
      });
    }
    if (offer && (forced || input.onBehalf)) {
      await grantTenantWide(deps.ctx.db, offer.grant, { id: user.oid, name: user.name, source: request.ip });
    } else await recordConsent(deps.ctx.db, { app, user, scopes, items: consent.missing });
  }
  const code = await issueCode(
    deps.ctx.db,
    deps.grouped,
    {
      client_id: app.app_id,
      redirect_uri: target.redirectUri,
      code_challenge: p.code_challenge ?? null,
      nonce: p.nonce ?? null,
      scope: [...scopes.oidc, ...consent.values].join(" "),
      resource_app_id: scopes.resource.app_id,
      resource_requested: scopes.resourceRequested,
      api_version: input.version,
      account_id: user.oid,
      tenant_id: user.tid,
      session_id: session.id,
      auth_time: session.authTime,
    },
    deps.ctx.config.SESAME_AUTH_CODE_TTL_SECONDS * 1000,
  );
  return sendToClient(request, reply, target, {
    code,
    ...(p.client_info === "1" ? { client_info: clientInfo(user) } : {}),
    state: p.state,
    ...(input.version === "1" ? { session_state: session.id } : {}),
  });
}
