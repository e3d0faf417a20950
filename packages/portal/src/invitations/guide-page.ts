import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply } from "fastify";
import type { T } from "../i18n/messages";
import type { ContactTable as Contact } from "../storage/contact-tables";
import type { FirmTable as Firm } from "../storage/firm-tables";
import type { GuideStep } from "./invitation-rules";

export interface GuideView {
  readonly firm: Firm;
  readonly contact: Contact;
  readonly step: GuideStep;
  readonly guidePath: string;
  readonly signupUrl: string;
  readonly approvalUrl: string | undefined;
  readonly forwardedTo?: string;
  readonly forwardError?: string;
}

/**
 * Microsoft's admin consent workflow, where the person's organization runs it: they request approval
 * themselves from the "Need admin approval" page, then tell the firm they did.
 */
function approvalWorkflow(t: T, reply: FastifyReply, view: GuideView): SafeHtml {
  const requested = view.contact.approval_requested_at
    ? html`<p role="status">${t("guide.step.approve.workflow.noted")}</p>`
    : html`<form method="post" action="${view.guidePath}/approval-requested">${csrfField(reply)}
<button type="submit" class="secondary">${t("guide.step.approve.workflow.sent")}</button></form>`;
  return html`<h3>${t("guide.step.approve.workflow.title")}</h3>
<p>${t("guide.step.approve.workflow.text")}</p>
<p><a class="button" href="${view.guidePath}/signin">${t("guide.step.approve.workflow.signin")}</a></p>
${requested}`;
}

/** The guide shows one step: the person's next one, nothing else. */
export function guideBody(t: T, reply: FastifyReply, view: GuideView): SafeHtml {
  const { contact } = view;
  const email = contact.email;
  const head = html`<h1>${t("guide.title")}</h1><p>${t("guide.lead", { firm: view.firm.name })}</p><p class="muted">${t("guide.for", { email })}</p>`;
  const recheck = html`<p><a href="${view.guidePath}">${t("guide.recheck")}</a></p>`;
  switch (view.step) {
    case "create_account":
      return html`${head}<h2>${t("guide.step.create.title")}</h2><p>${t("guide.step.create.text", { email })}</p>
<p><a class="button primary" href="${view.signupUrl}">${t("guide.step.create.button")}</a></p>
<p class="muted">${t("guest.guide.hint", { firm: view.firm.name })}</p>${recheck}`;
    case "ask_approval":
      return html`${head}<h2>${t("guide.step.approve.title")}</h2>
${contact.readiness_consent === "revoked" ? html`<p role="alert">${t("guide.step.approve.revoked")}</p>` : ""}
<p>${t("guide.step.approve.text", { email, domain: contact.readiness_domain ?? "" })}</p>
<p>${t("guide.step.approve.who")}</p>
<p>${t("guide.step.approve.why")}</p>
<p><a class="button primary" href="${view.approvalUrl ?? "#"}" target="_blank" rel="noopener">${t("guide.step.approve.button")}</a></p>
<p>${t("guide.step.approve.link")}<br><code class="link">${view.approvalUrl ?? ""}</code></p>
<h3>${t("guide.forward.title")}</h3>
${view.forwardedTo ? html`<p role="status">${t("guide.forward.sent", { email: view.forwardedTo })}</p>` : ""}
<form method="post" action="${view.guidePath}/forward">${csrfField(reply)}
<label for="admin_email">${t("guide.forward.email")}</label>${fieldError("admin_email", view.forwardError)}
<input id="admin_email" name="admin_email" type="email" autocomplete="email" required ${view.forwardError ? html`aria-invalid="true" aria-describedby="admin_email-error"` : ""}>
<button type="submit" class="primary">${t("guide.forward.send")}</button></form>
${approvalWorkflow(t, reply, view)}
<p class="muted">${t("guest.guide.hint", { firm: view.firm.name })}</p>${recheck}`;
    case "sign_in":
      return html`${head}<h2>${t("guide.step.signin.title")}</h2><p>${t("guide.step.signin.text", { email })}</p>
<p><a class="button primary" href="${view.guidePath}/signin">${t("guide.step.signin.button")}</a></p>`;
    default:
      return html`${head}<h2>${t("guide.step.later.title")}</h2><p role="alert">${t("guide.step.later.text")}</p>${recheck}`;
  }
}
