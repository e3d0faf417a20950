import type { Locale } from "@sesame/kit/i18n/i18n";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { countryList } from "../../countries/countries";
import { sendPage, tr } from "../../ui/page";
import { backLink, errorBlock, nextButton, postForm } from "./frame";

export interface ProfileInput {
  readonly email: string;
  readonly country: string;
  readonly year?: string;
  readonly month?: string;
  readonly day?: string;
  readonly countryError?: string;
  readonly dateError?: string;
  readonly status?: number;
}

function monthNames(locale: Locale): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 1))));
}

/** Step 3: Pays/région (every ISO country, in the page's language) and Date de naissance. */
export function profilePage(request: FastifyRequest, reply: FastifyReply, input: ProfileInput) {
  const t = tr(request);
  const months = monthNames(request.locale);
  const dateInvalid = input.dateError ? "true" : "false";
  const dateDescribed = input.dateError ? "birth-error" : undefined;
  const body = html`${backLink(t, "/signup/password", input.email)}
<h1>${t("signup.title")}</h1>
<p>${t("signup.profile.lead")}</p>
${postForm(
  reply,
  "/signup/profile",
  html`<label for="country">${t("signup.profile.country")}</label>
<select id="country" name="country" autocomplete="country" aria-invalid="${input.countryError ? "true" : "false"}"
 aria-describedby="${input.countryError ? "country-error" : undefined}">
${countryList(request.locale).map(
  (c) =>
    html`<option value="${c.code}"${c.code === input.country ? html` selected` : html``}>${c.name}</option>`,
)}
</select>
${errorBlock("country", input.countryError)}
<fieldset class="date">
<legend>${t("signup.profile.birthDate")}</legend>
<div class="row">
<div><label for="birth-year">${t("signup.profile.year")}</label>
<input id="birth-year" name="year" type="text" inputmode="numeric" maxlength="4" autocomplete="bday-year"
 value="${input.year ?? ""}" aria-invalid="${dateInvalid}" aria-describedby="${dateDescribed}"></div>
<div><label for="birth-month">${t("signup.profile.month")}</label>
<select id="birth-month" name="month" autocomplete="bday-month" aria-invalid="${dateInvalid}" aria-describedby="${dateDescribed}">
<option value=""></option>
${months.map((name, i) => html`<option value="${i + 1}"${String(i + 1) === input.month ? html` selected` : html``}>${name}</option>`)}
</select></div>
<div><label for="birth-day">${t("signup.profile.day")}</label>
<select id="birth-day" name="day" autocomplete="bday-day" aria-invalid="${dateInvalid}" aria-describedby="${dateDescribed}">
<option value=""></option>
${Array.from({ length: 31 }, (_, i) => String(i + 1)).map(
  (d) => html`<option value="${d}"${d === input.day ? html` selected` : html``}>${d}</option>`,
)}
</select></div>
</div>
</fieldset>
${errorBlock("birth", input.dateError)}
${nextButton(t)}`,
)}`;
  return sendPage(request, reply, { title: t("signup.title"), body, status: input.status ?? 200 });
}
