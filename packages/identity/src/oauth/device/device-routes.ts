import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findApplication } from "../../apps/app-queries";
import { activeSessions, SESSION_COOKIE } from "../../sessions/sessions";
import { sendPage, tr } from "../../ui/page";
import {
  consentDecision,
  consentNeeded,
  recordConsent,
  sendAdminApprovalPage,
  sendConsentPage,
} from "../authorize/consent-step";
import { resolveScopeRequest } from "../scopes";
import { type OauthDeps, userFacts } from "../token-issuer";
import { decideDeviceCode, findPendingByUserCode } from "./device-store";

const codeForm = z.object({ code: z.string().max(20).default("") });
const decisionForm = z.object({ request: z.string().max(20), decision: z.enum(["accept", "cancel"]) });

/** Device code flow (RFC 8628), the person's side: `/devicelogin` (the device's is device-code-route.ts). */
export function registerDeviceRoutes(app: FastifyInstance, deps: OauthDeps): void {
  const { ctx } = deps;
  // "Request approval" on the device's "Need admin approval" page, as on authorize's.
  const approvalAsk = (
    user: Awaited<ReturnType<typeof userFacts>>,
    scopes: Awaited<ReturnType<typeof resolveScopeRequest>>,
    values: readonly string[],
    missing: readonly string[],
  ) => ({
    db: ctx.db,
    user,
    resourceAppId: scopes.resource.app_id,
    scopes: [...new Set([...missing, ...values])],
  });
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
    const { values, missing } = await consentNeeded(ctx.db, { app: client, user, scopes, prompt: undefined });
    if (!(await consentDecision(ctx.db, { app: client, user, scopes, values, missing })).mayConsent)
      return sendAdminApprovalPage(request, reply, client, approvalAsk(user, scopes, values, missing));
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
      const { values, missing } = await consentNeeded(ctx.db, {
        app: client,
        user,
        scopes,
        prompt: undefined,
      });
      // The same rule as the page that offered Accept: a forged Accept grants nothing.
      if (!(await consentDecision(ctx.db, { app: client, user, scopes, values, missing })).mayConsent)
        return sendAdminApprovalPage(request, reply, client, approvalAsk(user, scopes, values, missing));
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
