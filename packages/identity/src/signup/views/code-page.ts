import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendPage, tr } from "../../ui/page";
import { backLink, errorBlock, nextButton, postForm, sentence } from "./frame";

export interface CodePageInput {
  readonly email: string;
  readonly codeLength: number;
  readonly error?: string;
  readonly notice?: string;
  readonly resendError?: string;
  readonly marketing?: boolean;
  readonly status?: number;
}

/** Step 4, the seed's "Confirmer l'adresse courriel" page with "Entrez le code". */
export function codePage(request: FastifyRequest, reply: FastifyReply, input: CodePageInput) {
  const t = tr(request);
  const terms = sentence(t("signup.code.terms"), {
    next: html`<strong>${t("signup.next")}</strong>`,
    terms: html`<a href="/terms">${t("signup.code.termsLink")}</a>`,
    privacy: html`<a href="/privacy">${t("signup.code.privacyLink")}</a>`,
  });
  const sentTo = sentence(t("signup.code.sentTo"), { email: html`<strong>${input.email}</strong>` });
  const body = html`${backLink(t, "/signup/profile", input.email)}
<h1>${t("signup.code.title")}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : html``}
<p>${sentTo} ${t("signup.code.junk")}</p>
${postForm(
  reply,
  "/signup/code",
  html`<label for="code">${t("signup.code.label")}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required autofocus
 maxlength="${input.codeLength}" pattern="[0-9]*" aria-invalid="${input.error ? "true" : "false"}"
 aria-describedby="${input.error ? "code-error" : undefined}">
${errorBlock("code", input.error)}
<div class="check"><input type="checkbox" id="marketing" name="marketing" value="yes"${input.marketing ? html` checked` : html``}>
<label for="marketing">${t("signup.code.marketing")}</label></div>
<p class="muted">${terms}</p>
${nextButton(t)}`,
  "signup-code",
)}
${postForm(
  reply,
  "/signup/code/resend",
  html`${errorBlock("resend", input.resendError)}
<button class="linkish" type="submit">${t("signup.code.resend")}</button>`,
)}`;
  return sendPage(request, reply, { title: t("signup.code.title"), body, status: input.status ?? 200 });
}
