import { hostCookieOptions } from "@sesame/kit/http/cookies";
import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { emailDomain } from "../accounts/email";
import type { IdentityContext } from "../context";
import { findTotp, unusedRecoveryCodes } from "../factors/factor-queries";
import { activeSessions, endBrowserSessions, SESSION_COOKIE } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";

const accountQuery = z.object({ sid: z.string().max(64).optional().catch(undefined) });

/** The account page (of the account chosen by `sid`, else the latest signed in) and sign-out of the browser. */
export function registerAccountRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/account", async (request, reply) => {
    const { sid } = accountQuery.parse(request.query ?? {});
    const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
    const current = sessions.find((s) => s.id === sid) ?? sessions[0];
    if (!current) return reply.redirect(`/login?return=${encodeURIComponent("/account")}`, 303);
    const t = tr(request);
    const { account } = current;
    const hasMailbox = ctx.config.SESAME_CONSUMER_DOMAINS.includes(emailDomain(account.email));
    const totpOn = Boolean((await findTotp(ctx.db, account.id))?.enabled_at);
    const totpPath = `/account/security/totp?sid=${encodeURIComponent(current.id)}`;
    const security = totpOn
      ? html`<p>${t("security.totpOn", { remaining: String(await unusedRecoveryCodes(ctx.db, account.id)) })}</p>
<form method="post" action="/account/security/totp/remove">${csrfField(reply)}<input type="hidden" name="sid" value="${current.id}">
<div class="actions"><button class="secondary" type="submit">${t("totp.remove")}</button></div></form>`
      : html`<p>${t("security.totpOff")}</p><p><a href="${totpPath}">${t("security.addTotp")}</a></p>`;
    const body = html`<h1>${t("account.title")}</h1>
<p>${t("account.signedInAs", { email: account.email })}</p>
<table><tbody>
<tr><th scope="row">${t("account.name")}</th><td>${account.display_name}</td></tr>
<tr><th scope="row">${t("account.email")}</th><td>${account.email}</td></tr>
<tr><th scope="row">${t("account.country")}</th><td>${account.country ?? ""}</td></tr>
</tbody></table>
<h2>${t("security.title")}</h2>
${security}
${hasMailbox ? html`<p><a href="/mail">${t("account.openMail")}</a></p>` : html``}
<p><a href="/select-account?return=${encodeURIComponent("/account")}">${t("account.switch")}</a></p>
<form method="post" action="/logout">${csrfField(reply)}
<div class="actions"><button class="secondary" type="submit">${t("account.signout")}</button></div></form>`;
    return sendPage(request, reply, { title: t("account.title"), body });
  });

  app.post("/logout", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endBrowserSessions(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, hostCookieOptions());
    const t = tr(request);
    return sendPage(request, reply, {
      title: t("account.signout"),
      body: html`<h1>${t("account.signout")}</h1><p role="status">${t("signout.done")}</p>
<p><a href="/login">${t("signin.submit")}</a></p>`,
    });
  });
}
