import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** identity's words on its sign-in and consent pages, per language. */
export const identityWords = {
  fr: {
    email: "Adresse courriel, téléphone ou identifiant Skype",
    next: "Suivant",
    password: "Mot de passe",
    signin: "Se connecter",
    no: "Non",
    accept: "Accepter",
    onBehalf: "Consentir au nom de votre organisation",
  },
  en: {
    email: "Email, phone, or Skype",
    next: "Next",
    password: "Password",
    signin: "Sign in",
    no: "No",
    accept: "Accept",
    onBehalf: "Consent on behalf of your organization",
  },
} as const;

/**
 * At identity, as a person does it: signs in (when asked), declines "stay signed in", accepts the
 * consent (on behalf of the organisation when asked and offered), until the browser is back at
 * `returnOrigin` (the portal).
 */
export async function passIdentity(
  page: Page,
  returnOrigin: string,
  locale: "fr" | "en",
  account?: { email: string; password: string },
  options: { onBehalfOfOrganization?: boolean } = {},
): Promise<void> {
  const w = identityWords[locale];
  for (let step = 0; step < 8 && !page.url().startsWith(returnOrigin); step++) {
    const emailField = page.getByLabel(w.email);
    const passwordField = page.getByLabel(w.password, { exact: true });
    const no = page.getByRole("button", { name: w.no, exact: true });
    const accept = page.getByRole("button", { name: w.accept, exact: true });
    await emailField
      .or(passwordField)
      .or(no)
      .or(accept)
      .or(page.locator("body[data-portal]"))
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => {});
    if (page.url().startsWith(returnOrigin)) break;
    if (account && (await emailField.isVisible())) {
      await emailField.fill(account.email);
      await page.getByRole("button", { name: w.next }).click();
    } else if (account && (await passwordField.isVisible())) {
      await passwordField.fill(account.password);
      await page.getByRole("button", { name: w.signin }).click();
    } else if (await no.isVisible()) {
      await no.click();
    } else if (await accept.isVisible()) {
      const onBehalf = page.getByLabel(w.onBehalf);
      if (options.onBehalfOfOrganization && (await onBehalf.isVisible())) await onBehalf.check();
      await accept.click();
    }
    await page.waitForLoadState("load");
  }
  assert.ok(page.url().startsWith(returnOrigin), `still at identity: ${page.url()}`);
}
