import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findApplication } from "../../apps/app-queries";
import { activeSessions, SESSION_COOKIE } from "../../sessions/sessions";
import { sendPage, tr } from "../../ui/page";
import { AadstsError } from "../aadsts";
import { resolveAuthority } from "../authority";
import { consentNeeded, recordConsent, sendConsentPage } from "../authorize/consent-step";
import { sendJsonError } from "../json-errors";
import { resolveScopeRequest } from "../scopes";
import { type OauthDeps, userFacts } from "../token-issuer";
import { tokenParams } from "../token-routes";
import {
  createDeviceCode,
  DEVICE_CODE_SECONDS,
  decideDeviceCode,
  findPendingByUserCode,
  POLL_INTERVAL_SECONDS,
} from "./device-store";

const codeForm = z.object({ code: z.string().max(20).default("") });
const decisionForm = z.object({ request: z.string().max(20), decision: z.enum(["accept", "cancel"]) });

/** Device code flow (RFC 8628): `/devicecode` for the device, `/devicelogin` for the person. */
export function registerDeviceRoutes(app: FastifyInstance, deps: OauthDeps): void {
  const { ctx } = deps;
  const deviceCodeRoute = async (
    request: FastifyRequest<{ Params: { tenant: string } }>,
    reply: FastifyReply,
  ) => {
    try {
      const params = { ...tokenParams(request) };
      // v1 names the API with `resource`: the device then asks for what the app was granted on it.
      if (!params.scope && params.resource)
        params.scope = `${params.resource.replace(/\/+$/, "")}/.default openid`;
      const authority = await resolveAuthority(ctx.db, request.params.tenant);
      if (!params.client_id) throw new AadstsError(900144, { name: "client_id" });
      const client = await findApplication(ctx.db, params.client_id);
      if (!client) throw new AadstsError(700016, { appId: params.client_id, tenant: request.params.tenant });
      if (!params.scope) throw new AadstsError(900144, { name: "scope" });
      await resolveScopeRequest(ctx.db, params.scope, authority.tenantId ?? request.params.tenant);
      const { deviceCode, userCode } = await createDeviceCode(ctx.db, {
        clientId: client.app_id,
        scope: params.scope,
        tenantSegment: request.params.tenant,
      });
      const uri = `${ctx.origin}/devicelogin`;
      return reply.header("cache-control", "no-store").send({
        user_code: userCode,
        device_code: deviceCode,
        verification_uri: uri,
        expires_in: DEVICE_CODE_SECONDS,
        interval: POLL_INTERVAL_SECONDS,
        message: `To sign in, use a web browser to open the page ${uri} and enter the code ${userCode} to authenticate.`,
      });
    } catch (error) {
      return sendJsonError(request, reply, ctx.origin, error);
    }
  };
  app.post("/:tenant/oauth2/v2.0/devicecode", { config: { csrf: false } }, deviceCodeRoute);
  app.post("/:tenant/oauth2/devicecode", { config: { csrf: false } }, deviceCodeRoute);

  const signedIn = async (request: FastifyRequest) =>
    (await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]))[0];

  app.get("/devicelogin", async (request, reply) => {
    if (!(await signedIn(request)))
      return reply.redirect(`/login?return=${encodeURIComponent("/devicelogin")}`, 302);
    return codePage(request, reply);
  });

  app.post("/devicelogin", async (request, reply) => {
    const session = await signedIn(request);
    if (!session) return reply.redirect(`/login?return=${encodeURIComponent("/devicelogin")}`, 303);
    const form = codeForm.parse(request.body ?? {});
    const pending = await findPendingByUserCode(ctx.db, form.code);
    const client = pending ? await findApplication(ctx.db, pending.client_id) : undefined;
    if (!pending || !client) return codePage(request, reply, tr(request)("oauth.device.unknown"));
    const user = await userFacts(ctx.db, session.account.id);
    const scopes = await resolveScopeRequest(ctx.db, pending.scope, user.tid);
    const { values } = await consentNeeded(ctx.db, { app: client, user, scopes, prompt: undefined });
    return sendConsentPage(ctx.db, request, reply, {
      app: client,
      user,
      scopes,
      items: [...scopes.oidc, ...values],
      request: pending.user_code,
      action: "/devicelogin/confirm",
    });
  });

  app.post("/devicelogin/confirm", async (request, reply) => {
    const session = await signedIn(request);
    if (!session) return reply.redirect(`/login?return=${encodeURIComponent("/devicelogin")}`, 303);
    const form = decisionForm.parse(request.body ?? {});
    const pending = await findPendingByUserCode(ctx.db, form.request);
    const client = pending ? await findApplication(ctx.db, pending.client_id) : undefined;
    if (!pending || !client) return codePage(request, reply, tr(request)("oauth.device.unknown"));
    const t = tr(request);
    const approved = form.decision === "accept";
    if (approved) {
      const user = await userFacts(ctx.db, session.account.id);
      const scopes = await resolveScopeRequest(ctx.db, pending.scope, user.tid);
      const { values } = await consentNeeded(ctx.db, { app: client, user, scopes, prompt: undefined });
      await recordConsent(ctx.db, { app: client, user, scopes, items: [...scopes.oidc, ...values] });
    }
    await decideDeviceCode(ctx.db, pending.device_code_hash, {
      approved,
      accountId: session.account.id,
      sessionId: session.id,
    });
    const message = approved
      ? t("oauth.device.done", { app: client.display_name })
      : t("oauth.device.declined");
    return sendPage(request, reply, {
      title: t("oauth.device.title"),
      body: html`<h1>${t("oauth.device.title")}</h1><p role="status">${message}</p>`,
    });
  });
}

function codePage(request: FastifyRequest, reply: FastifyReply, error?: string) {
  const t = tr(request);
  const body = html`<h1>${t("oauth.device.title")}</h1>
<p>${t("oauth.device.intro")}</p>
<form method="post" action="/devicelogin">
${csrfField(reply)}
<label for="code">${t("oauth.device.code")}</label>
<input id="code" name="code" autocomplete="one-time-code" autocapitalize="characters" required aria-describedby="${describedBy("code", error) ?? ""}">
${fieldError("code", error)}
<button type="submit">${t("oauth.device.next")}</button>
</form>`;
  return sendPage(request, reply, { title: t("oauth.device.title"), body, status: error ? 400 : 200 });
}
