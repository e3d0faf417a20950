import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { emailDomain } from "../../accounts/email";
import { checkCredentials } from "../../lockout/credential-check";
import { logPasswordSignIn } from "../../lockout/sign-in-log";
import { AadstsError } from "../../protocol/aadsts";
import type { Authority } from "../../protocol/authority";
import { findTenant, type Tenant, tenantOfDomain } from "../../tenants/tenant-queries";
import { authorityProblem, notInTenant, userProblem } from "../authorize/audience-rules";
import { consentNeeded } from "../authorize/consent-step";
import type { AuthenticatedClient } from "../client-auth";
import { newFamilyId, storeRefreshToken } from "../refresh-tokens";
import { resolveScopeRequest, resolveV1Resource } from "../scopes";
import type { ApiVersion } from "../token-claims";
import { issueUserTokens, type OauthDeps, userFacts } from "../token-issuer";
import type { PasswordRequest } from "../token-params";
import { passwordGrantAllowed, secondFactorRequired } from "./password-grant-rules";

/**
 * Resource owner password credentials (`grant_type=password`, v1 and v2), for work accounts only.
 * The password is checked by the sign-in page's own check (same lockout, same sign-in log); a
 * tenant that blocked the grant is refused before any password is looked at (AADSTS53003). There is
 * no page to consent on: anything not granted yet is AADSTS65001 with suberror consent_required.
 * Entra's shapes: docs/microsoft-behaviour.md#ropc.
 */
export async function passwordGrant(
  deps: OauthDeps,
  request: FastifyRequest,
  input: { version: ApiVersion; authority: Authority; params: PasswordRequest; client: AuthenticatedClient },
): Promise<Record<string, unknown>> {
  const { authority, params, client } = input;
  const { ctx } = deps;
  // Personal accounts cannot use ROPC; their authority is refused as Entra refuses it.
  if (authority.segment.kind === "consumers") throw new AadstsError(9001023);
  const problem = authorityProblem(client.app, authority);
  if (problem) throw problem;
  // The tenant named by the authority, or the one owning the address's domain (public knowledge,
  // as home-realm discovery tells it): its admin may have blocked the grant.
  // Read afresh: the authority's tenant row may come from the hot cache, older than the setting.
  const realm: Tenant | undefined =
    authority.segment.kind === "tenant"
      ? await findTenant(ctx.db, authority.segment.tenant.id)
      : await tenantOfDomain(ctx.db, emailDomain(params.username));
  if (!passwordGrantAllowed(realm)) throw new AadstsError(53003);

  const email = params.username.trim();
  const outcome = await checkCredentials(ctx, { email, password: params.password, source: request.ip });
  await logPasswordSignIn(ctx, request, email, outcome);
  if (outcome.kind === "locked" || outcome.kind === "busy") throw new AadstsError(50053);
  if (outcome.kind === "wrong") throw new AadstsError(50126);
  if (outcome.kind === "disabled") throw new AadstsError(50057);
  const account = outcome.account;
  const user = await userFacts(ctx.db, account.id);
  const refused =
    user.kind === "work"
      ? userProblem(client.app, authority, user)
      : notInTenant(client.app, user, authority.tenantId ?? client.app.tenant_id);
  if (refused) throw refused;
  const home = await findTenant(ctx.db, user.tid);
  if (!home || !passwordGrantAllowed(home)) throw new AadstsError(53003);
  if (account.must_change_password === 1) throw new AadstsError(50055);

  let scopes: Awaited<ReturnType<typeof resolveScopeRequest>>;
  if (input.version === "1") {
    if (!params.resource) throw new AadstsError(900144, { name: "resource" });
    scopes = await resolveV1Resource(ctx.db, params.resource, user.tid);
  } else {
    if (!params.scope) throw new AadstsError(900144, { name: "scope" });
    scopes = await resolveScopeRequest(ctx.db, params.scope, user.tid);
  }
  if (secondFactorRequired({ account, tenant: home }))
    throw new AadstsError(50076, { resource: scopes.resource.app_id });
  const { values, missing } = await consentNeeded(ctx.db, {
    app: client.app,
    user,
    scopes,
    prompt: undefined,
  });
  // What is missing by the rule every flow shares; with no page to ask on, whether the user could
  // consent or an admin must, the client is told to go interactive.
  if (missing.length > 0) {
    throw new AadstsError(65001, { appId: client.app.app_id, name: client.app.display_name });
  }

  const { body, refresh } = await issueUserTokens(deps, {
    grant: {
      version: input.version,
      accountId: account.id,
      // No browser session: each password sign-in is its own (sid of the tokens, refresh family).
      sessionId: randomUUID(),
      authTime: Date.now(),
      scope: [...scopes.oidc, ...values].join(" "),
      resourceAppId: scopes.resource.app_id,
      resourceRequested: scopes.resourceRequested,
      nonce: null,
    },
    client,
    wantsClientInfo: params.client_info === "1",
  });
  if (refresh)
    await storeRefreshToken(ctx.db, refresh.row, { value: refresh.value, familyId: newFamilyId() });
  return body;
}
