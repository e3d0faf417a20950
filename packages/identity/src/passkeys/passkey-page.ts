import { csrfField } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Passkey } from "../factors/passkey-queries";
import { sendPage, tr } from "../ui/page";
import { passkeyScripts } from "./passkey-assets";

export const PASSKEYS_PATH = "/account/security/passkeys";

interface PasskeysView {
  readonly sid: string;
  readonly keys: readonly Passkey[];
  /** The sign-in's destination when this is the registration interrupt. */
  readonly returnTo: string | undefined;
  readonly notice?: SafeHtml | undefined;
  readonly error?: string | undefined;
}

/** The account's passkeys: each with its name, dates, rename and remove; then "Add a passkey". */
export function passkeysPage(request: FastifyRequest, reply: FastifyReply, view: PasskeysView, status = 200) {
  const t = tr(request);
  const when = new Intl.DateTimeFormat(request.locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });
  const date = (ms: number | null) => (ms === null ? t("passkey.never") : when.format(new Date(Number(ms))));
  const hidden = html`${csrfField(reply)}<input type="hidden" name="sid" value="${view.sid}">`;
  const item = (k: Passkey, i: number) => html`<li>
<p><strong>${k.name}</strong></p>
<p class="muted">${t("passkey.created", { date: date(k.created_at) })} · ${t("passkey.lastUsed", { date: date(k.last_used_at) })}</p>
<form method="post" action="${PASSKEYS_PATH}/rename">${hidden}<input type="hidden" name="credential" value="${k.credential_id}">
<label for="rename-${String(i)}">${t("passkey.newName")}</label>
<input id="rename-${String(i)}" name="name" type="text" maxlength="64" required value="${k.name}">
<button class="secondary" type="submit">${t("passkey.rename")}</button></form>
<form method="post" action="${PASSKEYS_PATH}/remove">${hidden}<input type="hidden" name="credential" value="${k.credential_id}">
<button class="secondary" type="submit" aria-label="${t("passkey.removeLabel", { name: k.name })}">${t("passkey.remove")}</button></form>
</li>`;
  const body = html`<h1>${t("passkey.title")}</h1>
${view.returnTo ? html`<p role="status">${t("passkey.required")}</p>` : html``}
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : html``}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : html``}
<p>${t("passkey.intro")}</p>
${view.keys.length ? html`<ul class="accounts">${view.keys.map(item)}</ul>` : html`<p class="muted">${t("passkey.none")}</p>`}
<h2>${t("passkey.addTitle")}</h2>
<form method="post" action="${PASSKEYS_PATH}" novalidate>${hidden}
${view.returnTo ? html`<input type="hidden" name="return" value="${view.returnTo}">` : html``}
<input type="hidden" name="webauthn_challenge" value=""><input type="hidden" name="response" value="">
<label for="passkey-name">${t("passkey.name")}</label>
<input id="passkey-name" name="name" type="text" maxlength="64" value="${t("passkey.defaultName")}">
<p class="error" role="alert" data-passkey-error></p>
<noscript><p>${t("passkey.needsScript")}</p></noscript>
<div class="actions"><button class="primary" type="button" hidden data-passkey="register" data-options="${PASSKEYS_PATH}/options" data-error="${t("passkey.failed")}">${t("passkey.add")}</button></div>
</form>
<p><a href="/account?sid=${encodeURIComponent(view.sid)}">${t("totp.back")}</a></p>
${passkeyScripts(reply.cspNonce)}`;
  return sendPage(request, reply, { title: t("passkey.title"), body, status });
}
