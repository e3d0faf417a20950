import { hostCookieOptions } from "@sesame/kit/http/cookies";
import { safeLocalPath } from "@sesame/kit/http/create-app";
import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { argon2Settings } from "../accounts/argon2-settings";
import { looksLikeEmail } from "../accounts/email";
import type { IdentityContext } from "../context";
import type { T } from "../i18n/messages";
import {
  activeSessions,
  endBrowserSessions,
  newBrowserToken,
  openSession,
  PERSISTENT_MS,
  SESSION_COOKIE,
} from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { checkPassword } from "./password-check";

const emailForm = z.object({
  email: z.string().max(254).default(""),
  return: z.string().max(2048).optional(),
});
const passwordForm = emailForm.extend({ password: z.string().max(1024).default("") });

/**
 * Email first, then password, on one page shared by every flow. The email step never says whether
 * an account exists; only a wrong pair is reported, with the same words either way.
 */
export function registerSigninRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/login", async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    return emailPage(request, reply, { email: q.login_hint ?? "", returnTo: q.return });
  });

  app.post("/login", async (request, reply) => {
    const form = emailForm.parse(request.body ?? {});
    if (!looksLikeEmail(form.email)) {
      return emailPage(
        request,
        reply,
        { email: form.email, returnTo: form.return, error: tr(request)("signin.emailInvalid") },
        400,
      );
    }
    return passwordPage(request, reply, { email: form.email.trim(), returnTo: form.return });
  });

  app.post("/login/password", async (request, reply) => {
    const form = passwordForm.parse(request.body ?? {});
    const account = looksLikeEmail(form.email)
      ? await checkPassword(ctx.db, argon2Settings(ctx.config), form.email, form.password)
      : undefined;
    if (!account) {
      return passwordPage(
        request,
        reply,
        { email: form.email, returnTo: form.return, error: tr(request)("signin.wrong") },
        400,
      );
    }
    const browserToken = request.cookies[SESSION_COOKIE] ?? newBrowserToken();
    await openSession(ctx.db, {
      browserToken,
      accountId: account.id,
      persistent: false,
      ip: request.ip,
      userAgent: request.headers["user-agent"] ?? "",
    });
    reply.setCookie(SESSION_COOKIE, browserToken, hostCookieOptions(PERSISTENT_MS / 1000));
    return reply.redirect(form.return ? safeLocalPath(form.return) : "/account", 303);
  });

  app.get("/account", async (request, reply) => {
    const [current] = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
    if (!current) return reply.redirect(`/login?return=${encodeURIComponent("/account")}`, 303);
    const t = tr(request);
    const { account } = current;
    const body = html`<h1>${t("account.title")}</h1>
<p>${t("account.signedInAs", { email: account.email })}</p>
<table><tbody>
<tr><th scope="row">${t("account.name")}</th><td>${account.display_name}</td></tr>
<tr><th scope="row">${t("account.email")}</th><td>${account.email}</td></tr>
<tr><th scope="row">${t("account.country")}</th><td>${account.country ?? ""}</td></tr>
</tbody></table>
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

interface StepState {
  email: string;
  returnTo: string | undefined;
  error?: string;
}

function returnField(returnTo: string | undefined) {
  return returnTo ? html`<input type="hidden" name="return" value="${returnTo}">` : html``;
}

function emailPage(request: FastifyRequest, reply: FastifyReply, state: StepState, status = 200) {
  const t: T = tr(request);
  const body = html`<h1>${t("signin.title")}</h1>
<form method="post" action="/login" novalidate>${csrfField(reply)}${returnField(state.returnTo)}
<label for="email">${t("signin.email")}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${state.email}"
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("email", state.error)}">
${fieldError("email", state.error)}
<p>${t("signin.noAccount")} <a href="/signup">${t("signin.create")}</a></p>
<div class="actions"><button class="primary" type="submit">${t("signin.next")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("signin.title"), body, status });
}

function passwordPage(request: FastifyRequest, reply: FastifyReply, state: StepState, status = 200) {
  const t: T = tr(request);
  const back = `/login?login_hint=${encodeURIComponent(state.email)}${state.returnTo ? `&return=${encodeURIComponent(state.returnTo)}` : ""}`;
  const body = html`<a class="identity" href="${back}" aria-label="${t("signin.back")}">← ${state.email}</a>
<h1>${t("signin.passwordTitle")}</h1>
<form method="post" action="/login/password" novalidate>${csrfField(reply)}${returnField(state.returnTo)}
<input type="hidden" name="email" value="${state.email}">
<label for="password">${t("signin.password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("password", state.error)}">
${fieldError("password", state.error)}
<div class="check"><input type="checkbox" id="show-password" data-toggle-password="password"><label for="show-password">${t("signin.showPassword")}</label></div>
<div class="actions"><button class="primary" type="submit">${t("signin.submit")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("signin.passwordTitle"), body, status });
}
