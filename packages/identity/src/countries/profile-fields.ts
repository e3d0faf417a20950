import type { Locale } from "@sesame/kit/i18n/i18n";
import { fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { T } from "../i18n/messages";
import { countryList } from "./countries";

export interface ProfileFieldValues {
  readonly country: string;
  readonly year?: string;
  readonly month?: string;
  readonly day?: string;
  readonly countryError?: string;
  readonly dateError?: string;
}

const months = new Map<Locale, readonly string[]>();

/** Built once per language: a new Intl.DateTimeFormat costs about 0.4 ms, at every profile page. */
function monthNames(locale: Locale): readonly string[] {
  let names = months.get(locale);
  if (!names) {
    const format = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
    names = Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 1))));
    months.set(locale, names);
  }
  return names;
}

/**
 * "Pays/région" (every ISO country, in the page's language) and "Date de naissance" (year, month,
 * day), as sign-up asks them and the account page edits them.
 */
export function countryAndBirthDateFields(t: T, locale: Locale, input: ProfileFieldValues): SafeHtml {
  const monthList = monthNames(locale);
  const dateInvalid = input.dateError ? "true" : "false";
  const dateDescribed = input.dateError ? "birth-error" : undefined;
  return html`<label for="country">${t("signup.profile.country")}</label>
<select id="country" name="country" autocomplete="country" aria-invalid="${input.countryError ? "true" : "false"}"
 aria-describedby="${input.countryError ? "country-error" : undefined}">
${countryList(locale).map(
  (c) =>
    html`<option value="${c.code}"${c.code === input.country ? html` selected` : html``}>${c.name}</option>`,
)}
</select>
${fieldError("country", input.countryError)}
<fieldset class="date">
<legend>${t("signup.profile.birthDate")}</legend>
<div class="row">
<div><label for="birth-year">${t("signup.profile.year")}</label>
<input id="birth-year" name="year" type="text" inputmode="numeric" maxlength="4" autocomplete="bday-year"
 value="${input.year ?? ""}" aria-invalid="${dateInvalid}" aria-describedby="${dateDescribed}"></div>
<div><label for="birth-month">${t("signup.profile.month")}</label>
<select id="birth-month" name="month" autocomplete="bday-month" aria-invalid="${dateInvalid}" aria-describedby="${dateDescribed}">
<option value=""></option>
${monthList.map((name, i) => html`<option value="${i + 1}"${String(i + 1) === input.month ? html` selected` : html``}>${name}</option>`)}
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
${fieldError("birth", input.dateError)}`;
}
