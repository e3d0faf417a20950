import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply } from "fastify";
import type { Staff } from "../firms/firm-queries";
import type { T } from "../i18n/messages";
import { dossierStatuses } from "../storage/dossier-table";
import type { DossierErrorKey, DossierField } from "./dossier-input";

export interface DossierFormValues {
  name?: string;
  siren?: string;
  siret?: string | null;
  address?: string;
  accountant_id?: string | null;
  status?: string;
}

/** The dossier form, used to create and to edit. */
export function dossierForm(
  t: T,
  reply: FastifyReply,
  input: {
    action: string;
    submit: string;
    values: DossierFormValues;
    errors: Partial<Record<DossierField, DossierErrorKey | "dossier.error.duplicate">>;
    accountants: readonly Staff[];
  },
): SafeHtml {
  const { values, errors } = input;
  const err = (f: DossierField) => (errors[f] ? t(errors[f]) : undefined);
  const field = (f: DossierField, id: string, label: string, value: string, extra: SafeHtml = html``) =>
    html`<label for="${id}">${label}</label>${fieldError(id, err(f))}
<input type="text" id="${id}" name="${id}" value="${value}" aria-invalid="${err(f) ? "true" : "false"}" ${describedBy(id, err(f)) ? html`aria-describedby="${id}-error"` : ""} ${extra}>`;
  return html`<form method="post" action="${input.action}" novalidate>${csrfField(reply)}
${field("name", "name", t("dossier.name"), values.name ?? "", html`required autocomplete="organization"`)}
${field("siren", "siren", t("dossier.siren"), values.siren ?? "", html`required inputmode="numeric"`)}
${field("siret", "siret", t("dossier.siret"), values.siret ?? "", html`inputmode="numeric"`)}
${field("address", "address", t("dossier.address"), values.address ?? "", html`required autocomplete="street-address"`)}
<label for="accountant_id">${t("dossier.accountant")}</label>${fieldError("accountant_id", err("accountant"))}
<select id="accountant_id" name="accountant_id"><option value="">${t("dossier.noAccountant")}</option>
${input.accountants.map((a) => html`<option value="${a.id}" ${a.id === values.accountant_id ? "selected" : ""}>${a.display_name}</option>`)}</select>
<label for="status">${t("dossier.status")}</label>
<select id="status" name="status">${dossierStatuses.map((s) => html`<option value="${s}" ${s === (values.status ?? "onboarding") ? "selected" : ""}>${t(`dossier.status.${s}`)}</option>`)}</select>
<button type="submit" class="primary">${input.submit}</button>
</form>`;
}
