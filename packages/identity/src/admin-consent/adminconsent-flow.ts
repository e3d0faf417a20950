import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findApplication, redirectUris } from "../apps/app-queries";
import { matchRedirectUri } from "../apps/redirect-uri-rules";
import { organizationOffer } from "../consent/organization-offer";
import { grantTenantWide } from "../consent/tenant-wide-grant";
import type { IdentityContext } from "../context";
import { notInTenant } from "../oauth/authorize/audience-rules";
import { errorParams, sendErrorPage, sendToClient } from "../oauth/authorize/authorize-response";
import { sendAdminApprovalPage } from "../oauth/authorize/consent-step";
import { chooseSession } from "../oauth/authorize/session-choice";
import { userFacts } from "../oauth/token-issuer";
import { AadstsError } from "../protocol/aadsts";
import { errorContext } from "../protocol/error-shape";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { resolveTenantSegment } from "../tenants/tenant-queries";
import { sendAdminConsentPage, sendCommonRefusedPage } from "./adminconsent-page";
import { adminConsentRequest } from "./adminconsent-request";

const text = (max = 2048) => z.string().max(max).optional();
const adminConsentParams = z.object({
  client_id: text(100),
  redirect_uri: text(),
  state: text(4096),
  scope: text(),
  /** Appended by the login page / account picker (same contract as authorize). */
  sid: text(100),
});
export interface AdminConsentInput {
  readonly tenant: string;
  readonly version: "1" | "2";
  readonly query: unknown;
  readonly path: string;
  readonly decision?: "accept" | "cancel";
}

/**
 * Tenant-wide admin consent (docs/microsoft-behaviour.md#admin-consent). Until client and redirect URI are checked, problems are
 * pages; afterwards the answer goes to the redirect URI with `admin_consent=True`.
 */
export async function runAdminConsent(
  ctx: IdentityContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: AdminConsentInput,
) {
  const db = ctx.db;
  const parsed = adminConsentParams.safeParse(input.query);
  if (!parsed.success) return sendErrorPage(request, reply, new AadstsError(9002313, {}, "invalid_request"));
  const p = parsed.data;
  const segment = await resolveTenantSegment(db, input.tenant);
  if (segment?.kind === "common" || segment?.kind === "consumers")
    return sendCommonRefusedPage(request, reply);
  if (!segment) return sendErrorPage(request, reply, new AadstsError(90002, { tenant: input.tenant }));
  if (!p.client_id) return sendErrorPage(request, reply, new AadstsError(900144, { name: "client_id" }));
  const app = await findApplication(db, p.client_id);
  const named = segment.kind === "tenant" ? segment.tenant.id : undefined;
  if (!app || (app.sign_in_audience === "AzureADMyOrg" && named && app.tenant_id !== named))
    return sendErrorPage(
      request,
      reply,
      new AadstsError(700016, { appId: p.client_id, tenant: input.tenant }),
    );
  if (!p.redirect_uri)
    return sendErrorPage(request, reply, new AadstsError(900144, { name: "redirect_uri" }));
  const registered = matchRedirectUri(await redirectUris(db, app.id), p.redirect_uri);
  if (!registered)
    return sendErrorPage(request, reply, new AadstsError(50011, { uri: p.redirect_uri, appId: app.app_id }));
  const target = { redirectUri: registered.uri, mode: "query" as const };
  const fail = (error: AadstsError) =>
    sendToClient(request, reply, target, errorParams(request, error, p.state));
  if (input.version === "2" && !p.scope) return fail(new AadstsError(900144, { name: "scope" }));

  const sessions = await activeSessions(db, request.cookies[SESSION_COOKIE]);
  const choice = chooseSession({
    sessions,
    sid: p.sid,
    prompt: undefined,
    loginHint: undefined,
    loginStarted: undefined,
  });
  if (choice.kind !== "use") {
    const back = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (v !== undefined && k !== "sid") back.set(k, v);
    const page = choice.kind === "select" ? "/select-account" : "/login";
    return reply.redirect(`${page}?${new URLSearchParams({ return: `${input.path}?${back}` })}`, 302);
  }
  let asked: Awaited<ReturnType<typeof adminConsentRequest>>;
  let user: Awaited<ReturnType<typeof userFacts>>;
  try {
    user = await userFacts(db, choice.session.account.id);
    asked = await adminConsentRequest(db, app, input.version === "2" ? p.scope : undefined, user.tid);
  } catch (error) {
    if (error instanceof AadstsError) return fail(error);
    throw error;
  }
  // A personal account, or a work account of another organization, is not a member of the tenant
  // named in the URL: Entra answers 50020 ("does not exist in tenant"), not "Need admin approval".
  if (named !== undefined && named !== user.tid) return fail(notInTenant(app, user, named));
  const offer = await organizationOffer(db, {
    app,
    user,
    delegated: asked.delegated,
    roleResources: asked.roleResources,
  });
  if (!offer?.complete) {
    // A user who may not grant it can still ask for it, where the tenant runs the workflow.
    const wanted = asked.delegated[0];
    const ask = wanted ? { db, user, resourceAppId: wanted.resourceAppId, scopes: wanted.scopes } : undefined;
    return sendAdminApprovalPage(request, reply, app, ask);
  }
  if (input.decision === "cancel") {
    const c = errorContext(request.correlationId);
    return sendToClient(request, reply, target, {
      admin_consent: "True",
      error: "consent_required",
      error_description: `AADSTS65004: The resource owner or authorization server denied the request.\r\nTrace ID: ${c.traceId}\r\nCorrelation ID: ${c.correlationId}\r\nTimestamp: ${c.timestamp}`,
      state: p.state,
    });
  }
  if (input.decision !== "accept") {
    const carried = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (v !== undefined) carried.set(k, v);
    carried.set("sid", choice.session.id);
    return sendAdminConsentPage(request, reply, {
      app,
      email: user.email,
      offer,
      carried: carried.toString(),
      action: input.path,
    });
  }
  await grantTenantWide(db, offer.grant, { id: user.oid, name: user.name, source: request.ip });
  return sendToClient(request, reply, target, {
    admin_consent: "True",
    tenant: user.tid,
    ...(input.version === "2" ? { scope: asked.scopeAnswer } : {}),
    state: p.state,
  });
}
