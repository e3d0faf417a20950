import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply } from "fastify";
import type { Dossier } from "../dossiers/dossier-queries";
import type { T } from "../i18n/messages";
import type { ContactErrorKey, ContactField } from "./contact-input";

export type ContactFormValues = Partial<
  Record<ContactField | "language" | "dossier_siren" | "invite", string>
>;
export type ContactFormErrors = Partial<
  Record<ContactField | "dossier", ContactErrorKey | "contact.error.duplicate" | "contact.error.dossier">
>;

/** The create form; the email field carries the live readiness check (progressive enhancement). */
export function contactForm(
  t: T,
  reply: FastifyReply,
  input: {
    firmCode: string;
    values: ContactFormValues;
    errors: ContactFormErrors;
    dossier: Dossier | undefined;
  },
): SafeHtml {
  const { values, errors } = input;
  const err = (f: keyof ContactFormErrors) => (errors[f] ? t(errors[f]) : undefined);
  const aria = (id: string, f: keyof ContactFormErrors) =>
    err(f) ? html`aria-invalid="true" aria-describedby="${id}-error"` : html``;
  const text = (f: ContactField, label: string, type: string, extra: SafeHtml = html``) =>
    html`<label for="${f}">${label}</label>${fieldError(f, err(f))}
<input id="${f}" name="${f}" type="${type}" value="${values[f] ?? ""}" ${aria(f, f)} ${extra}>`;
  return html`<form method="post" action="/${input.firmCode}/interlocuteurs/new" novalidate>${csrfField(reply)}
<fieldset><legend>${t("contact.civility")}</legend>${fieldError("civility", err("civility"))}
<label class="inline"><input type="radio" name="civility" value="mme" ${values.civility === "mme" ? "checked" : ""}> ${t("contact.civility.mme")}</label>
<label class="inline"><input type="radio" name="civility" value="m" ${values.civility === "m" ? "checked" : ""}> ${t("contact.civility.m")}</label>
</fieldset>
${text("first_name", t("contact.firstName"), "text", html`autocomplete="given-name" required`)}
${text("last_name", t("contact.lastName"), "text", html`autocomplete="family-name" required`)}
${text("email", t("contact.email"), "email", html`autocomplete="email" required data-readiness="/${input.firmCode}/readiness" aria-controls="readiness-live"`)}
<p id="readiness-live" role="status" aria-live="polite" class="muted" data-checking="${t("contact.readiness.live")}"></p>
${text("phone", t("contact.phone"), "tel", html`autocomplete="tel"`)}
<label for="language">${t("contact.language")}</label>
<select id="language" name="language"><option value="fr" ${values.language === "en" ? "" : "selected"}>${t("contact.language.fr")}</option><option value="en" ${values.language === "en" ? "selected" : ""}>${t("contact.language.en")}</option></select>
<label for="dossier_siren">${t("contact.dossier")}</label>${fieldError("dossier_siren", err("dossier"))}
<input type="text" id="dossier_siren" name="dossier_siren" inputmode="numeric" value="${values.dossier_siren ?? ""}" ${aria("dossier_siren", "dossier")}>
${input.dossier ? html`<p class="muted">${input.dossier.name}</p>` : ""}
${rightsFieldset(t)}
<label class="inline"><input type="checkbox" name="invite" value="1" ${values.invite === "1" || values.invite === undefined ? "checked" : ""}> ${t("contact.inviteNow")}</label>
<button type="submit" class="primary">${t("contact.create")}</button>
</form>`;
}

export function rightsFieldset(t: T): SafeHtml {
  return html`<fieldset><legend>${t("contact.rights")}</legend>
<label class="inline"><input type="checkbox" name="can_read" value="1" checked> ${t("dossier.right.read")}</label>
<label class="inline"><input type="checkbox" name="can_upload" value="1" checked> ${t("dossier.right.upload")}</label>
<label class="inline"><input type="checkbox" name="can_approve" value="1"> ${t("dossier.right.approve")}</label>
</fieldset>`;
}
