import { safeLocalPath } from "@sesame/kit/http/create-app";
import { formBody } from "@sesame/kit/http/form-body";
import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { registrationDemand } from "./mfa-rules";
import { noteFirstAsked } from "./registration-queries";

export const REGISTER_PATH = "/account/security/register";

/** The registration interrupt: a passkey or the app, then on to `returnTo` (the sign-in's destination). */
export const registrationAddress = (returnTo: string | undefined): string =>
  `${REGISTER_PATH}?return=${encodeURIComponent(returnTo ?? "/account")}`;
const sid = z.string().max(64).optional().catch(undefined);
const returnField = z.string().max(2048).optional().catch(undefined);

/** Where a local destination goes with the session appended, as the sign-in pages do. */
function withSid(returnTo: string | undefined, sessionId: string): string {
  const url = new URL(safeLocalPath(returnTo ?? "/account"), "https://local.invalid");
  url.searchParams.set("sid", sessionId);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The registration interrupt of security defaults: a passkey or an authenticator app. Plain users
 * may "Skip for now" during 14 days from the first time they saw it; administrators, users past the
 * grace and users asked to register again may not.
 */
export function registerRegistrationRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const holderOf = async (cookie: string | undefined, id: string | undefined) => {
    const sessions = await activeSessions(ctx.db, cookie);
    return sessions.find((s) => s.id === id) ?? (id ? undefined : sessions[0]);
  };

  api.get(
    REGISTER_PATH,
    { schema: { querystring: z.object({ sid, return: returnField }) } },
    async (request, reply) => {
      const holder = await holderOf(request.cookies[SESSION_COOKIE], request.query.sid);
      if (!holder) return reply.redirect(`/login?return=${encodeURIComponent(REGISTER_PATH)}`, 303);
      const returnTo = request.query.return;
      const demand = await registrationDemand(ctx.db, holder.account.id);
      if (demand.kind === "none") return reply.redirect(withSid(returnTo, holder.id), 303);
      if (demand.kind === "grace" && demand.until === undefined)
        await noteFirstAsked(ctx.db, holder.account.id, Date.now());
      const t = tr(request);
      const next = new URLSearchParams({
        sid: holder.id,
        ...(returnTo ? { return: returnTo } : {}),
      }).toString();
      const skip =
        demand.kind === "grace"
          ? html`<form method="post" action="${REGISTER_PATH}/skip">${csrfField(reply)}
<input type="hidden" name="sid" value="${holder.id}">${returnTo ? html`<input type="hidden" name="return" value="${returnTo}">` : html``}
<p class="muted">${t("register.graceLeft")}</p>
<div class="actions"><button class="secondary" type="submit">${t("register.skip")}</button></div></form>`
          : html`<p class="muted">${t("register.noSkip")}</p>`;
      const body = html`<p class="identity">${holder.account.email}</p>
<h1>${t("register.title")}</h1>
<p role="status">${t("register.lead")}</p>
<ul class="accounts">
<li><a class="button primary" href="/account/security/passkeys?${next}">${t("register.passkey")}</a></li>
<li><a class="button secondary" href="/account/security/totp?${next}">${t("register.totp")}</a></li>
</ul>${skip}`;
      return sendPage(request, reply, { title: t("register.title"), body });
    },
  );

  api.post(
    `${REGISTER_PATH}/skip`,
    { schema: { body: formBody({ sid, return: returnField }) } },
    async (request, reply) => {
      const holder = await holderOf(request.cookies[SESSION_COOKIE], request.body.sid);
      if (!holder) return reply.redirect("/login", 303);
      const demand = await registrationDemand(ctx.db, holder.account.id);
      if (demand.kind === "required") {
        const t = tr(request);
        const body = html`<h1>${t("register.title")}</h1><p class="error" role="alert">${t("register.noSkip")}</p>
<p><a href="${REGISTER_PATH}?sid=${encodeURIComponent(holder.id)}">${t("register.title")}</a></p>`;
        return sendPage(request, reply, { title: t("register.title"), body, status: 403 });
      }
      return reply.redirect(withSid(request.body.return, holder.id), 303);
    },
  );
}
