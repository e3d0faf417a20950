import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { T } from "../i18n/messages";
import type { OrganizationOffer } from "./organization-offer";

/**
 * The consent page's organization part. Offered: the "Consent on behalf of your organization"
 * checkbox (name `on_behalf`). Forced (prompt=admin_consent, /adminconsent): a hidden field and a
 * sentence saying the grant covers every user of the tenant.
 */
export function organizationSection(
  t: T,
  organization: { offer: OrganizationOffer; forced: boolean } | undefined,
): SafeHtml {
  if (!organization) return html``;
  const { offer, forced } = organization;
  const roles = offer.grant.appRoles.map((r) => r.value);
  const appPart =
    roles.length > 0
      ? html`<p>${t("adminConsent.appPermissions")}</p>
<ul class="permissions">${roles.map((r) => html`<li>${r}</li>`)}</ul>`
      : html``;
  if (forced)
    return html`${appPart}<input type="hidden" name="on_behalf" value="1">
<p><strong>${t("adminConsent.forOrganization", { tenant: offer.tenantName })}</strong></p>`;
  return html`${appPart}<div class="check"><input type="checkbox" id="on-behalf" name="on_behalf" value="1" aria-describedby="on-behalf-hint"><label for="on-behalf">${t("adminConsent.onBehalf")}</label></div>
<p id="on-behalf-hint" class="muted">${t("adminConsent.onBehalfHint", { tenant: offer.tenantName })}</p>`;
}
