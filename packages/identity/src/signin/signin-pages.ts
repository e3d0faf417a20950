import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { T } from "../i18n/messages";
import { sendPage, tr } from "../ui/page";
import type { Realm } from "./home-realm";

/** What the email and password steps carry from one page to the next. */
export interface LoginState {
  readonly email: string;
  readonly returnTo: string | undefined;
  readonly prompt?: string | undefined;
  readonly domainHint?: string | undefined;
  readonly realm?: Realm | undefined;
  readonly error?: string | undefined;
}

export function hiddenField(name: string, value: string | undefined): SafeHtml {
  return value ? html`<input type="hidden" name="${name}" value="${value}">` : html``;
}

/** The organization's name and "Sign in with your work account", or the personal-account banner. */
function realmBanner(t: T, realm: Realm | undefined): SafeHtml {
  if (!realm) return html``;
  if (realm.kind === "organization") {
    return html`<p class="realm"><strong>${realm.displayName}</strong></p><p class="muted">${t("signin.work")}</p>`;
  }
  if (realm.kind === "work") return html`<p class="muted">${t("signin.workGeneric")}</p>`;
  return html`<p class="muted">${t("signin.personal")}</p>`;
}

/**
 * "Sign in with a passkey": a form the passkey script fills with the browser's answer (the button
 * appears only where WebAuthn works). With `challenge`, the second factor of that sign-in.
 */
export function passkeyForm(
  t: T,
  reply: FastifyReply,
  input: { action: string; returnTo: string | undefined; label: string; challenge?: string },
): SafeHtml {
  return html`<form method="post" action="${input.action}" novalidate>${csrfField(reply)}${hiddenField("return", input.returnTo)}
${hiddenField("challenge", input.challenge)}<input type="hidden" name="webauthn_challenge" value=""><input type="hidden" name="response" value="">
<p class="error" role="alert" data-passkey-error></p>
<div class="actions"><button class="secondary" type="button" hidden data-passkey="sign-in" data-options="/login/passkey/options" data-error="${t("passkey.failed")}">${input.label}</button></div>
</form>
<script src="/passkeys/assets/webauthn.js" defer nonce="${reply.cspNonce}"></script>
<script src="/passkeys/assets/passkeys.js" defer nonce="${reply.cspNonce}"></script>`;
}

export function emailPage(request: FastifyRequest, reply: FastifyReply, state: LoginState, status = 200) {
  const t = tr(request);
  const body = html`${realmBanner(t, state.realm)}<h1>${t("signin.title")}</h1>
<form method="post" action="/login" novalidate>${csrfField(reply)}${hiddenField("return", state.returnTo)}
${hiddenField("prompt", state.prompt)}${hiddenField("domain_hint", state.domainHint)}
<label for="email">${t("signin.email")}</label>
<input id="email" name="email" type="email" autocomplete="username webauthn" required value="${state.email}"
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("email", state.error)}">
${fieldError("email", state.error)}
<p>${t("signin.noAccount")} <a href="/signup">${t("signin.create")}</a></p>
<div class="actions"><button class="primary" type="submit">${t("signin.next")}</button></div>
</form>
${passkeyForm(t, reply, { action: "/login/passkey", returnTo: state.returnTo, label: t("passkey.signIn") })}`;
  return sendPage(request, reply, { title: t("signin.title"), body, status });
}

export function passwordPage(request: FastifyRequest, reply: FastifyReply, state: LoginState, status = 200) {
  const t = tr(request);
  const back = `/login?login_hint=${encodeURIComponent(state.email)}${state.returnTo ? `&return=${encodeURIComponent(state.returnTo)}` : ""}`;
  const forgot = `/password/reset?login_hint=${encodeURIComponent(state.email)}`;
  const body = html`${realmBanner(t, state.realm)}
<a class="identity" href="${back}" title="${t("signin.back")}"><span aria-hidden="true">← </span>${state.email}</a>
<h1>${t("signin.passwordTitle")}</h1>
<form method="post" action="/login/password" novalidate>${csrfField(reply)}${hiddenField("return", state.returnTo)}
<input type="hidden" name="email" value="${state.email}">
<label for="password">${t("signin.password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("password", state.error)}">
${fieldError("password", state.error)}
<div class="check"><input type="checkbox" id="show-password" data-toggle-password="password"><label for="show-password">${t("signin.showPassword")}</label></div>
<p><a href="${forgot}">${t("signin.forgot")}</a></p>
<div class="actions"><button class="primary" type="submit">${t("signin.submit")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("signin.passwordTitle"), body, status });
}

/** AADSTS50057, shown only once the password was right. */
export function disabledPage(request: FastifyRequest, reply: FastifyReply) {
  const t = tr(request);
  const body = html`<h1>${t("signin.disabledTitle")}</h1>
<p class="error" role="alert">${t("signin.disabled")}</p>
<p><a href="/login">${t("signin.back")}</a></p>`;
  return sendPage(request, reply, { title: t("signin.disabledTitle"), body, status: 403 });
}
