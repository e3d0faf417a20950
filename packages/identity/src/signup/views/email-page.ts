import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendPage, tr } from "../../ui/page";
import { errorBlock, nextButton, postForm } from "./frame";

export interface EmailPageInput {
  readonly mode: "existing" | "new";
  readonly email?: string;
  readonly name?: string;
  readonly domain?: string;
  readonly domains: readonly string[];
  readonly returnUrl?: string;
  readonly error?: string | SafeHtml;
  /** Free addresses offered when the chosen one is taken. */
  readonly suggestions?: readonly string[];
  readonly notice?: string;
  readonly status?: number;
}

function withReturn(path: string, returnUrl: string | undefined): string {
  if (!returnUrl) return path;
  return `${path}${path.includes("?") ? "&" : "?"}return_url=${encodeURIComponent(returnUrl)}`;
}

/**
 * Step 1: an address the person already has, or a new one on the platform's domains (the seed's
 * "Obtenir une nouvelle adresse courriel"). The switch is a plain link, so it works without script;
 * with script, the new name's availability is checked as it is typed.
 */
export function emailPage(request: FastifyRequest, reply: FastifyReply, input: EmailPageInput) {
  const t = tr(request);
  const error = typeof input.error === "string" ? html`${input.error}` : input.error;
  const invalid = input.error ? "true" : "false";
  const described = input.error ? "address-error" : undefined;
  const fields =
    input.mode === "new"
      ? html`<input type="hidden" name="mode" value="new">
<div class="row">
<div><label for="new-name">${t("signup.email.newLabel")}</label>
<input id="new-name" name="name" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" required
 value="${input.name ?? ""}" aria-invalid="${invalid}" aria-describedby="${described ?? "availability"}"></div>
<div><label for="domain">${t("signup.email.domain")}</label>
<select id="domain" name="domain">${input.domains.map(
          (d) => html`<option value="${d}"${d === input.domain ? html` selected` : html``}>@${d}</option>`,
        )}</select></div>
</div>
<p id="availability" class="muted" aria-live="polite"></p>
${suggestionList(t("signup.name.suggestions"), input.suggestions ?? [], input.domain, input.returnUrl)}
<p><a href="${withReturn("/signup", input.returnUrl)}">${t("signup.email.useExisting")}</a></p>`
      : html`<input type="hidden" name="mode" value="existing">
<label for="email">${t("signup.email.label")}</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${input.email ?? ""}"
 placeholder="${request.locale === "fr" ? "quelqu'un@example.com" : "someone@example.com"}" aria-invalid="${invalid}" aria-describedby="${described}">
<p><a href="${withReturn("/signup?new=1", input.returnUrl)}">${t("signup.email.getNew")}</a></p>`;
  const body = html`${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : html``}
<h1>${t("signup.title")}</h1>
<p>${t("signup.email.lead")}</p>
${postForm(
  reply,
  "/signup/email",
  html`${input.returnUrl ? html`<input type="hidden" name="return_url" value="${input.returnUrl}">` : html``}
${fields}
${error ? html`<div class="error" id="address-error" role="alert">${error}</div>` : errorBlock("address", undefined)}
${nextButton(t)}`,
  "signup-email",
)}
<p>${t("signup.email.haveAccount")} <a href="/login">${t("signup.email.signIn")}</a></p>
<script src="/signup/assets/signup.js" defer nonce="${reply.cspNonce}"></script>`;
  return sendPage(request, reply, { title: t("signup.title"), body, status: input.status ?? 200 });
}

function suggestionList(
  label: string,
  suggestions: readonly string[],
  domain: string | undefined,
  returnUrl: string | undefined,
): SafeHtml {
  if (suggestions.length === 0 || !domain) return html`<div id="suggestions"></div>`;
  return html`<div id="suggestions"><p>${label}</p><ul>${suggestions.map(
    (s) =>
      html`<li><a href="${withReturn(`/signup?new=1&name=${encodeURIComponent(s)}&domain=${encodeURIComponent(domain)}`, returnUrl)}" data-suggestion="${s}">${s}@${domain}</a></li>`,
  )}</ul></div>`;
}
