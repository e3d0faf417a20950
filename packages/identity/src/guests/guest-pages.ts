import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { hiddenField } from "../signin/signin-pages";
import { sendPage, tr } from "../ui/page";

/** What the passcode pages carry from one step to the next. */
export interface OtpState {
  readonly tenantId: string;
  readonly organisation: string;
  readonly email: string;
  readonly returnTo: string | undefined;
  readonly error?: string | undefined;
}

function stateFields(reply: FastifyReply, state: OtpState) {
  return html`${csrfField(reply)}<input type="hidden" name="tenant" value="${state.tenantId}">
<input type="hidden" name="email" value="${state.email}">${hiddenField("return", state.returnTo)}`;
}

/** "Send code": the organisation's name and the address the code goes to. */
export function sendCodePage(request: FastifyRequest, reply: FastifyReply, state: OtpState, status = 200) {
  const t = tr(request);
  const body = html`<p class="realm"><strong>${state.organisation}</strong></p>
<h1>${t("guest.otp.title")}</h1>
<p>${t("guest.otp.lead", { org: state.organisation, email: state.email })}</p>
${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ""}
<form method="post" action="/guest/otp/send">${stateFields(reply, state)}
<div class="actions"><button class="primary" type="submit">${t("guest.otp.send")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("guest.otp.title"), body, status });
}

export function enterCodePage(request: FastifyRequest, reply: FastifyReply, state: OtpState, status = 200) {
  const t = tr(request);
  const body = html`<p class="realm"><strong>${state.organisation}</strong></p>
<h1>${t("guest.otp.enterTitle")}</h1>
<p>${t("guest.otp.enterLead", { email: state.email })}</p>
<form method="post" action="/guest/otp/verify" novalidate>${stateFields(reply, state)}
<label for="code">${t("guest.otp.code")}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("code", state.error)}">
${fieldError("code", state.error)}
<div class="actions"><button class="primary" type="submit">${t("guest.otp.verify")}</button></div>
</form>
<form method="post" action="/guest/otp/send">${stateFields(reply, state)}
<button class="secondary" type="submit">${t("guest.otp.resend")}</button>
</form>`;
  return sendPage(request, reply, { title: t("guest.otp.enterTitle"), body, status });
}

/** Microsoft's "Review permissions" of the inviting organisation, before the first access. */
export function reviewPage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    organisation: string;
    privacyUrl: string | null;
    signedInAs: string;
    guestId: string;
    sid: string;
    returnTo: string | undefined;
  },
) {
  const t = tr(request);
  const org = { org: input.organisation };
  const privacy = input.privacyUrl
    ? html`<p><a href="${input.privacyUrl}">${t("guest.review.privacy", org)}</a></p>`
    : html`<p>${t("guest.review.noPrivacy", org)}</p>`;
  const body = html`<p class="muted">${t("guest.review.signedInAs", { email: input.signedInAs })}</p>
<p class="realm"><strong>${input.organisation}</strong></p>
<h1>${t("guest.review.title")}</h1>
<p>${t("guest.review.lead", org)}</p>
<ul><li>${t("guest.review.item1")}</li><li>${t("guest.review.item2")}</li></ul>
${privacy}
<form method="post" action="/redeem/review">${csrfField(reply)}${hiddenField("return", input.returnTo)}
<input type="hidden" name="guest" value="${input.guestId}"><input type="hidden" name="sid" value="${input.sid}">
<div class="actions"><button class="secondary" type="submit" name="answer" value="cancel">${t("guest.review.cancel")}</button>
<button class="primary" type="submit" name="answer" value="accept">${t("guest.review.accept")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("guest.review.title"), body });
}

export function messagePage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { title: string; text: string; status: number },
) {
  const body = html`<h1>${input.title}</h1><p class="error" role="alert">${input.text}</p>`;
  return sendPage(request, reply, { title: input.title, body, status: input.status });
}
