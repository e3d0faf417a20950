import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { activeSessions, endBrowserSession, SESSION_COOKIE, sessionOfBrowser } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { returnWithSid } from "./return-address";
import { hiddenField } from "./signin-pages";

const returnQuery = z.object({ return: z.string().max(2048).optional().catch(undefined) });
const choiceForm = returnQuery.extend({ sid: z.string().max(64).catch("") });

const withReturn = (path: string, returnTo: string | undefined, extra = "") =>
  returnTo ? `${path}?return=${encodeURIComponent(returnTo)}${extra}` : path;

/**
 * The account picker: the accounts signed in on this browser, "Use another account", and sign-out
 * of one account. Choosing one goes back to `return` with its `sid` (same contract as /login).
 */
export function registerAccountPickerRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/select-account", async (request, reply) => {
    const { return: returnTo } = returnQuery.parse(request.query ?? {});
    const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
    if (sessions.length === 0) return reply.redirect(withReturn("/login", returnTo), 303);
    const t = tr(request);
    const other = returnTo ? withReturn("/login", returnTo, "&prompt=login") : "/login?prompt=login";
    const body = html`<h1>${t("picker.title")}</h1>
<ul class="accounts">
${sessions.map(
  ({ id, account }) => html`<li>
<form method="post" action="/select-account">${csrfField(reply)}${hiddenField("return", returnTo)}
<input type="hidden" name="sid" value="${id}">
<button class="account" type="submit" title="${t("picker.use", { email: account.email })}">
<strong>${account.display_name}</strong><br>${account.email}<br>${t("picker.signedIn")}</button>
</form>
<form class="signout" method="post" action="/select-account/signout">${csrfField(reply)}${hiddenField("return", returnTo)}
<input type="hidden" name="sid" value="${id}">
<button class="linkish" type="submit">${t("picker.signout", { email: account.email })}</button>
</form></li>`,
)}
</ul>
<p><a href="${other}">${t("picker.other")}</a></p>`;
    return sendPage(request, reply, { title: t("picker.title"), body });
  });

  app.post("/select-account", async (request, reply) => {
    const form = choiceForm.parse(request.body ?? {});
    const session = await sessionOfBrowser(ctx.db, request.cookies[SESSION_COOKIE], form.sid);
    if (!session) return reply.redirect(withReturn("/select-account", form.return), 303);
    return reply.redirect(returnWithSid(form.return, session.id), 303);
  });

  app.post("/select-account/signout", async (request, reply) => {
    const form = choiceForm.parse(request.body ?? {});
    const token = request.cookies[SESSION_COOKIE];
    if (token && form.sid) await endBrowserSession(ctx.db, token, form.sid);
    return reply.redirect(withReturn("/select-account", form.return), 303);
  });
}
