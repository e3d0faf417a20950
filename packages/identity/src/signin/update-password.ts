import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { argon2Settings } from "../accounts/argon2-settings";
import { hashPassword } from "../accounts/password-hash";
import type { IdentityContext } from "../context";
import { changeOwnPassword } from "../credentials/password-change";
import { checkCredentials } from "../lockout/credential-check";
import { lockoutText } from "../lockout/lockout-text";
import { newPasswordError } from "../password-reset/new-password-problem";
import { sendPage, tr } from "../ui/page";
import { disabledPage, hiddenField, type LoginState, passwordPage } from "./signin-pages";
import { startSession } from "./stay-signed-in";

const updateForm = z.object({
  email: z.string().max(254).catch(""),
  current: z.string().max(1024).catch(""),
  password: z.string().max(4096).catch(""),
  confirm: z.string().max(4096).catch(""),
  return: z.string().max(2048).optional().catch(undefined),
});

/**
 * "Update your password": an administrator asked for a new password at next sign-in. The form
 * asks the current password again (as Microsoft's does), so no half-signed-in state is kept.
 */
export function updatePasswordPage(
  request: FastifyRequest,
  reply: FastifyReply,
  state: LoginState,
  status = 200,
) {
  const t = tr(request);
  const field = (id: string, label: string, autocomplete: string) =>
    html`<label for="${id}">${label}</label>
<input id="${id}" name="${id}" type="password" autocomplete="${autocomplete}" required
 aria-invalid="${state.error && id === "password" ? "true" : "false"}" aria-describedby="${id === "password" ? describedBy("password", state.error) : undefined}">`;
  const body = html`<p class="identity">${state.email}</p>
<h1>${t("update.title")}</h1>
<p>${t("update.lead")}</p>
<form method="post" action="/login/update-password" novalidate>${csrfField(reply)}${hiddenField("return", state.returnTo)}
<input type="hidden" name="email" value="${state.email}">
${field("current", t("update.current"), "current-password")}
${field("password", t("update.new"), "new-password")}
${fieldError("password", state.error)}
${field("confirm", t("update.confirm"), "new-password")}
<div class="actions"><button class="primary" type="submit">${t("signin.submit")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("update.title"), body, status });
}

export function registerUpdatePasswordRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.post("/login/update-password", async (request, reply) => {
    const form = updateForm.parse(request.body && typeof request.body === "object" ? request.body : {});
    const email = form.email.trim();
    const t = tr(request);
    const state = { email, returnTo: form.return };
    const outcome = await checkCredentials(ctx, { email, password: form.current, source: request.ip });
    if (outcome.kind === "locked")
      return passwordPage(request, reply, { ...state, error: lockoutText(t, outcome.ms) }, 429);
    if (outcome.kind === "wrong")
      return passwordPage(request, reply, { ...state, error: t("signin.wrong") }, 400);
    if (outcome.kind === "disabled") return disabledPage(request, reply);
    if (outcome.kind === "busy")
      return passwordPage(request, reply, { ...state, error: t("error.tooMany") }, 429);
    const { account } = outcome;
    const error =
      form.password !== form.confirm
        ? t("update.mismatch")
        : form.password === form.current
          ? t("update.same")
          : await newPasswordError(t, ctx.config, form.password, account);
    if (error) return updatePasswordPage(request, reply, { ...state, error }, 400);
    await changeOwnPassword(ctx, account.id, await hashPassword(form.password, argon2Settings(ctx.config)));
    return startSession(ctx, request, reply, account, form.return);
  });
}
