import type { Locale } from "@sesame/kit/i18n/i18n";
import { fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { Account } from "../accounts/account-queries";
import { countryAndBirthDateFields, type ProfileFieldValues } from "../countries/profile-fields";
import type { T } from "../i18n/messages";

export interface ProfileForm extends ProfileFieldValues {
  readonly givenName: string;
  readonly familyName: string;
  readonly language: string;
  readonly marketing: boolean;
  readonly nameError?: string;
  readonly formError?: string;
}

/** The form's values from what is stored. */
export function storedProfile(account: Account): ProfileForm {
  const [year, month, day] = (account.birth_date ?? "").split("-");
  return {
    givenName: account.given_name ?? "",
    familyName: account.family_name ?? "",
    country: account.country ?? "",
    ...(account.birth_date ? { year, month: String(Number(month)), day: String(Number(day)) } : {}),
    language: account.language,
    marketing: account.marketing_consent_at !== null,
  };
}

const languageSelect = (
  t: T,
  current: string,
) => html`<label for="language">${t("account.profile.language")}</label>
<select id="language" name="language">
${(["fr", "en"] as const).map((l) => html`<option value="${l}" lang="${l}"${l === current ? html` selected` : html``}>${t(`account.languageName.${l}`)}</option>`)}
</select>`;

/** Personal accounts edit their whole profile; work accounts only their language. */
export function profileForm(
  t: T,
  locale: Locale,
  csrf: SafeHtml,
  input: {
    sid: string;
    account: Account;
    organization: string | undefined;
    form: ProfileForm;
    history: readonly { granted: number; at: number }[];
  },
): SafeHtml {
  const { form } = input;
  const when = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });
  const hidden = html`${csrf}<input type="hidden" name="sid" value="${input.sid}">`;
  if (input.account.kind === "work")
    return html`<p>${t("account.profile.managed", { organization: input.organization ?? "" })}</p>
<form method="post" action="/account/profile">${hidden}
${languageSelect(t, form.language)}
<div class="actions"><button class="primary" type="submit">${t("account.profile.save")}</button></div></form>`;
  const nameField = (id: "givenName" | "familyName", autocomplete: string) =>
    html`<label for="${id}">${t(`account.profile.${id}`)}</label>
<input id="${id}" name="${id}" type="text" maxlength="64" autocomplete="${autocomplete}" value="${form[id]}" required
 aria-invalid="${form.nameError ? "true" : "false"}" aria-describedby="${form.nameError ? "name-error" : undefined}">`;
  return html`${form.formError ? html`<p class="error" role="alert">${form.formError}</p>` : html``}
<form method="post" action="/account/profile" novalidate>${hidden}
${nameField("givenName", "given-name")}
${nameField("familyName", "family-name")}
${fieldError("name", form.nameError)}
${countryAndBirthDateFields(t, locale, form)}
${languageSelect(t, form.language)}
<div class="check"><input type="checkbox" id="marketing" name="marketing" value="yes"${form.marketing ? html` checked` : html``}>
<label for="marketing">${t("signup.code.marketing")}</label></div>
${
  input.history.length
    ? html`<h2>${t("account.profile.marketingHistory")}</h2><ul>${input.history.map(
        (e) =>
          html`<li>${t(e.granted ? "account.profile.marketingGranted" : "account.profile.marketingWithdrawn", { date: when.format(new Date(e.at)) })}</li>`,
      )}</ul>`
    : html``
}
<div class="actions"><button class="primary" type="submit">${t("account.profile.save")}</button></div>
</form>`;
}
