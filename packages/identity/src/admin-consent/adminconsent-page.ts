import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Application } from "../apps/app-queries";
import type { OrganizationOffer } from "../consent/organization-offer";
import { organizationSection } from "../consent/organization-section";
import { sendPage, tr } from "../ui/page";

/** The organization consent screen of /adminconsent: delegated permissions, app roles, Accept/Cancel. */
export function sendAdminConsentPage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { app: Application; email: string; offer: OrganizationOffer; carried: string; action: string },
) {
  const t = tr(request);
  const scopes = input.offer.grant.delegated.flatMap((d) => d.scopes);
  const body = html`<h1>${t("consent.title")}</h1>
<p><strong>${input.app.display_name}</strong><br><span class="muted">${t("consent.publisher", { publisher: input.app.publisher })}</span></p>
<p class="muted">${t("consent.account", { email: input.email })}</p>
<p>${t("consent.intro")}</p>
<ul class="permissions">${scopes.map((s) => html`<li>${s}</li>`)}</ul>
<form method="post" action="${input.action}">
${csrfField(reply)}
<input type="hidden" name="request" value="${input.carried}">
${organizationSection(t, { offer: input.offer, forced: true })}
<p class="muted">${t("consent.explain")}</p>
<button type="submit" name="decision" value="cancel" class="secondary">${t("consent.cancel")}</button>
<button type="submit" name="decision" value="accept">${t("consent.accept")}</button>
</form>`;
  return sendPage(request, reply, { title: t("consent.title"), body });
}

/** `/common/adminconsent`: admin consent needs an organization. A page, never a redirect. */
export function sendCommonRefusedPage(request: FastifyRequest, reply: FastifyReply) {
  const t = tr(request);
  const body = html`<h1>${t("adminConsent.commonTitle")}</h1>
<p role="alert">${t("adminConsent.commonText")}</p>`;
  return sendPage(request, reply, { title: t("adminConsent.commonTitle"), body, status: 400 });
}
