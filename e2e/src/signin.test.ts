import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { demoPersonalAccount } from "@sesame/identity/demo/demo-data";
import { addPersonalAccount } from "@sesame/identity/testing/test-accounts";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();
const second = { email: "lea.petit@gmail.com", password: "Cerisier-Velo-93", name: "Léa Petit" };

const words = {
  fr: {
    signin: "Se connecter",
    email: "Adresse courriel, téléphone ou identifiant Skype",
    next: "Suivant",
    passwordTitle: "Entrez le mot de passe",
    password: "Mot de passe",
    kmsi: "Rester connecté ?",
    yes: "Oui",
    no: "Non",
    account: "Votre compte",
    switch: "Changer de compte",
    picker: "Choisir un compte",
    other: "Utiliser un autre compte",
    signoutOf: (email: string) => `Se déconnecter de ${email}`,
    signout: "Se déconnecter",
    done: "Vous êtes déconnecté.",
    forgot: "Mot de passe oublié ?",
    recover: "Récupérer votre compte",
  },
  en: {
    signin: "Sign in",
    email: "Email, phone, or Skype",
    next: "Next",
    passwordTitle: "Enter password",
    password: "Password",
    kmsi: "Stay signed in?",
    yes: "Yes",
    no: "No",
    account: "Your account",
    switch: "Switch account",
    picker: "Pick an account",
    other: "Use another account",
    signoutOf: (email: string) => `Sign out of ${email}`,
    signout: "Sign out",
    done: "You have signed out.",
    forgot: "Forgot password?",
    recover: "Recover your account",
  },
} as const;

describe("sign-in in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  before(async () => {
    stack = await startStack(target!);
    browser = await launchChromium(stack.serverCert);
    await addPersonalAccount(stack.identity.ctx.db, {
      email: second.email,
      password: second.password,
      displayName: second.name,
    });
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const locale of ["fr", "en"] as const) {
    const w = words[locale];

    async function typeCredentials(page: Page, who: { email: string; password: string }, shoot = false) {
      await page.getByLabel(w.email).fill(who.email);
      await page.getByRole("button", { name: w.next }).click();
      await page.getByRole("heading", { name: w.passwordTitle }).waitFor();
      await expectNoAxeViolations(page, "password page");
      if (shoot) console.log(`screenshot: ${await screenshot(page, `signin-password-${locale}`)}`);
      await page.getByLabel(w.password, { exact: true }).fill(who.password);
      await page.getByRole("button", { name: w.signin }).click();
      await page.getByRole("heading", { name: w.kmsi }).waitFor();
      await expectNoAxeViolations(page, "stay signed in");
      if (shoot) console.log(`screenshot: ${await screenshot(page, `signin-kmsi-${locale}`)}`);
    }

    it(`signs in, stays signed in, picks an account and signs out (${locale}), accessible`, async () => {
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await page.goto(`${stack.identity.url}/login`);
      await page.getByRole("heading", { name: w.signin }).waitFor();
      await expectNoAxeViolations(page, "login page");

      await typeCredentials(page, demoPersonalAccount, true);
      await page.getByRole("button", { name: w.yes }).click();
      await page.getByRole("heading", { name: w.account, exact: true }).waitFor();
      assert.match((await page.textContent("main")) ?? "", /camille\.durand@outlook\.fr/);
      const cookie = (await context.cookies()).find((c) => c.name === "__Host-session");
      assert.ok(
        cookie && cookie.expires > Date.now() / 1000 + 80 * 24 * 3600,
        "Yes keeps the session beyond the browser",
      );
      await expectNoAxeViolations(page, "account page");

      await page.getByRole("link", { name: w.switch }).click();
      await page.getByRole("heading", { name: w.picker }).waitFor();
      await page.getByRole("link", { name: w.other }).click();
      await typeCredentials(page, second);
      await page.getByRole("button", { name: w.no }).click();
      await page.getByRole("heading", { name: w.account, exact: true }).waitFor();
      assert.match((await page.textContent("main")) ?? "", /lea\.petit@gmail\.com/);

      await page.getByRole("link", { name: w.switch }).click();
      await page.getByRole("heading", { name: w.picker }).waitFor();
      await expectNoAxeViolations(page, "account picker");
      console.log(`screenshot: ${await screenshot(page, `signin-picker-${locale}`)}`);
      await page
        .getByRole("button", { name: new RegExp(demoPersonalAccount.email.replace(/\./g, "\\.")) })
        .first()
        .click();
      await page.getByRole("heading", { name: w.account, exact: true }).waitFor();
      assert.match((await page.textContent("main")) ?? "", /camille\.durand@outlook\.fr/);

      await page.getByRole("link", { name: w.switch }).click();
      await page.getByRole("button", { name: w.signoutOf(second.email) }).click();
      await page.getByRole("heading", { name: w.picker }).waitFor();
      assert.doesNotMatch((await page.textContent("main")) ?? "", /lea\.petit/);

      await page.goto(`${stack.identity.url}/account`);
      await page.getByRole("button", { name: w.signout, exact: true }).click();
      await page.getByText(w.done).waitFor();
      await expectNoAxeViolations(page, "signed out");
      await page.goto(`${stack.identity.url}/account`);
      await page.getByRole("heading", { name: w.signin }).waitFor();
      await context.close();
    });

    it(`offers the forgotten-password page from the password step (${locale}), accessible`, async () => {
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await page.goto(`${stack.identity.url}/login`);
      await page.getByLabel(w.email).fill("someone@example.org");
      await page.getByRole("button", { name: w.next }).click();
      await page.getByRole("link", { name: w.forgot }).click();
      await page.getByRole("heading", { name: w.recover }).waitFor();
      await expectNoAxeViolations(page, "recover account");
      await page.getByRole("button", { name: w.next }).click();
      await page.getByRole("status").waitFor();
      await expectNoAxeViolations(page, "enter code");
      await context.close();
    });
  }
});
