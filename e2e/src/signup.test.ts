import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { latestMail, type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

/** The words a person reads on each step (the help article's, in French). */
const words = {
  fr: {
    create: "Créer un compte Microsoft",
    email: "Adresse courriel",
    next: "Suivant",
    password: "Créer un mot de passe",
    createTitle: "Créer un mot de passe",
    show: "Afficher le mot de passe",
    country: "Pays/région",
    birth: "Date de naissance",
    year: "Année",
    month: "Mois",
    day: "Jour",
    monthName: "avril",
    verify: "Confirmer l'adresse courriel",
    code: "Entrez le code",
    marketing: /J'aimerais que Microsoft/,
    terms: "Contrat de services Microsoft",
    subject: /Vérifier votre adresse courriel/,
    robot: "Je ne suis pas un robot",
    ready: "Votre compte est prêt",
    continue: "Continuer",
    account: "Votre compte",
    signout: "Se déconnecter",
    signin: "Se connecter",
    signinEmail: "Adresse courriel, téléphone ou identifiant Skype",
    signinPassword: "Mot de passe",
    passwordTitle: "Entrez le mot de passe",
    no: "Non",
  },
  en: {
    create: "Create a Microsoft account",
    email: "Email address",
    next: "Next",
    password: "Create password",
    createTitle: "Create a password",
    show: "Show password",
    country: "Country/region",
    birth: "Birthdate",
    year: "Year",
    month: "Month",
    day: "Day",
    monthName: "April",
    verify: "Verify email",
    code: "Enter code",
    marketing: /I would like information/,
    terms: "Microsoft Services Agreement",
    subject: /Verify your email address/,
    robot: "I'm not a robot",
    ready: "Your account is ready",
    continue: "Continue",
    account: "Your account",
    signout: "Sign out",
    signin: "Sign in",
    signinEmail: "Email, phone, or Skype",
    signinPassword: "Password",
    passwordTitle: "Enter password",
    no: "No",
  },
} as const;

const password = "Girouette-Canal-58";

describe("free Microsoft account sign-up in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  before(async () => {
    stack = await startStack(target!);
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("checks a new address live as it is typed and offers free ones when it is taken", async () => {
    const context = await newContext(browser, "fr");
    const page = await context.newPage();
    await page.goto(`${stack.identity.url}/signup`);
    await page.getByRole("link", { name: "Obtenir une nouvelle adresse courriel" }).click();
    const name = page.getByLabel("Nouvelle adresse courriel");
    await page.getByLabel("Domaine").selectOption("outlook.fr");
    await name.fill("postmaster");
    await page.getByText("postmaster@outlook.fr est réservée").waitFor();
    await name.fill("camille.durand");
    await page.getByText("camille.durand@outlook.fr n'est pas disponible").waitFor();
    await expectNoAxeViolations(page, "new address taken");
    console.log(`screenshot: ${await screenshot(page, "signup-fr-new-address-taken")}`);
    const suggestion = page.getByRole("button", { name: /^camille\.durand.+@outlook\.fr$/ }).first();
    const offered = (await suggestion.textContent()) ?? "";
    await suggestion.click();
    await page.getByText(`${offered} est disponible`).waitFor();
    await page.getByRole("button", { name: "Suivant" }).click();
    await page.getByRole("heading", { name: "Créer un mot de passe" }).waitFor();
    assert.match((await page.textContent("main")) ?? "", new RegExp(offered.replace(/\./g, "\\.")));
    await context.close();
  });

  for (const locale of ["fr", "en"] as const) {
    const w = words[locale];
    const email = `client.collaboratif.${locale}@gmail.com`;

    async function check(page: Page, label: string) {
      await expectNoAxeViolations(page, label);
      console.log(`screenshot: ${await screenshot(page, `signup-${locale}-${label}`)}`);
    }

    it(`walks the whole sign-up in ${locale} with the article's words, then signs out and in again`, async () => {
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await page.goto(stack.identity.url);
      await page.getByRole("link", { name: w.create }).click();

      await page.getByLabel(w.email, { exact: true }).fill(email);
      await check(page, "1-email");
      await page.getByRole("button", { name: w.next }).click();

      await page.getByRole("heading", { name: w.createTitle }).waitFor();
      await page.getByLabel(w.password, { exact: true }).fill(password);
      await page.getByLabel(w.show).check();
      assert.equal(await page.getByLabel(w.password, { exact: true }).getAttribute("type"), "text");
      await check(page, "2-password");
      await page.getByRole("button", { name: w.next }).click();

      const country = page.getByLabel(w.country);
      await country.waitFor();
      assert.equal(await country.inputValue(), locale === "fr" ? "FR" : "GB");
      const birth = page.getByRole("group", { name: w.birth });
      await birth.getByLabel(w.year).fill("1991");
      await birth.getByLabel(w.month).selectOption({ label: w.monthName });
      await birth.getByLabel(w.day).selectOption("12");
      await check(page, "3-profile");
      await page.getByRole("button", { name: w.next }).click();

      await page.getByRole("heading", { name: w.verify }).waitFor();
      assert.match((await page.textContent("main")) ?? "", new RegExp(email.replace(/\./g, "\\.")));
      const mail = await latestMail(stack.identity, email, { subject: w.subject });
      const code = /(\d{6})\s*$/m.exec(mail.text)?.[1];
      assert.ok(code, "the mail carries a 6-digit code");
      assert.equal(await page.getByRole("checkbox", { name: w.marketing }).isChecked(), false);
      assert.equal(await page.getByRole("link", { name: w.terms }).getAttribute("href"), "/terms");
      await page.getByLabel(w.code).fill(code);
      await check(page, "4-code");
      await page.getByRole("button", { name: w.next }).click();

      // The real ALTCHA widget: ticked from the keyboard, solved by its workers, no bypass.
      const robot = page.getByRole("checkbox", { name: w.robot });
      await robot.waitFor();
      await check(page, "5-challenge");
      await robot.focus();
      await page.keyboard.press("Space");
      await page.waitForFunction(
        () => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value,
        undefined,
        { timeout: 60_000 },
      );
      await check(page, "5-challenge-solved");
      await page.getByRole("button", { name: w.next }).click();

      await page.getByRole("heading", { name: w.ready }).waitFor();
      await check(page, "6-ready");
      await page.getByRole("link", { name: w.continue }).click();
      await page.getByRole("heading", { name: w.account, exact: true }).waitFor();
      assert.match((await page.textContent("main")) ?? "", new RegExp(email.replace(/\./g, "\\.")));

      await page.getByRole("button", { name: w.signout, exact: true }).click();
      await page.goto(`${stack.identity.url}/login`);
      await page.getByLabel(w.signinEmail).fill(email);
      await page.getByRole("button", { name: w.next }).click();
      await page.getByRole("heading", { name: w.passwordTitle }).waitFor();
      await page.getByLabel(w.signinPassword, { exact: true }).fill(password);
      await page.getByRole("button", { name: w.signin }).click();
      const kmsi = page.getByRole("button", { name: w.no });
      await kmsi
        .or(page.getByRole("heading", { name: w.account, exact: true }))
        .first()
        .waitFor();
      if (await kmsi.isVisible()) await kmsi.click();
      await page.getByRole("heading", { name: w.account, exact: true }).waitFor();
      assert.match((await page.textContent("main")) ?? "", new RegExp(email.replace(/\./g, "\\.")));
      assert.deepEqual(
        errors.filter((e) => /Content Security Policy|Refused/.test(e)),
        [],
      );
      await context.close();
    });
  }
});
