import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import {
  adminContext,
  browserContext,
  check,
  invitedWithoutAccount,
  type ReturnStack,
  useReturnStack,
} from "./support/onboarding-return-test-support";
import { latestMail } from "./support/servers";

const words = {
  fr: {
    create: "Créer un compte Microsoft gratuit",
    email: "Adresse courriel",
    next: "Suivant",
    password: "Créer un mot de passe",
    birth: "Date de naissance",
    year: "Année",
    month: "Mois",
    monthName: "avril",
    day: "Jour",
    code: "Entrez le code",
    subject: /Vérifier votre adresse courriel/,
    robot: "Je ne suis pas un robot",
    consent: "Autorisations demandées",
    accept: "Accepter",
    cancel: "Annuler",
    signIn: "Vous connecter",
    welcome: "Bonjour",
  },
  en: {
    create: "Create a free Microsoft account",
    email: "Email address",
    next: "Next",
    password: "Create password",
    birth: "Birthdate",
    year: "Year",
    month: "Month",
    monthName: "April",
    day: "Day",
    code: "Enter code",
    subject: /Verify your email address/,
    robot: "I'm not a robot",
    consent: "Permissions requested",
    accept: "Accept",
    cancel: "Cancel",
    signIn: "Sign you in",
    welcome: "Hello",
  },
} as const;

/** From the guide's "create an account" to the end of identity's sign-up, in the given language. */
async function signUp(running: ReturnStack, page: Page, locale: "fr" | "en", email: string) {
  const w = words[locale];
  assert.equal(await page.getByLabel(w.email, { exact: true }).inputValue(), email);
  await page.getByRole("button", { name: w.next }).click();
  await page.getByLabel(w.password, { exact: true }).fill("Girouette-Canal-58");
  await page.getByRole("button", { name: w.next }).click();
  const birth = page.getByRole("group", { name: w.birth });
  await birth.getByLabel(w.year).fill("1990");
  await birth.getByLabel(w.month).selectOption({ label: w.monthName });
  await birth.getByLabel(w.day).selectOption("12");
  await page.getByRole("button", { name: w.next }).click();
  const code = /(\d{6})\s*$/m.exec(
    (await latestMail(running.stack.identity, email, { subject: w.subject })).text,
  )?.[1];
  assert.ok(code, `a code in the mail (at ${page.url()})`);
  await page.getByLabel(w.code).fill(code);
  await page.getByRole("button", { name: w.next }).click();
  const robot = page.getByRole("checkbox", { name: w.robot });
  await robot.waitFor();
  await robot.focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(
    () => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value,
    undefined,
    { timeout: 60_000 },
  );
  await page.getByRole("button", { name: w.next }).click();
}

/**
 * Issue 13, defect 11 (back from the sign-up signed in, no "Continuer" nor "Se connecter") and
 * defect 10's consent screen (each permission once, "Accepter" primary), then the journal that
 * tells it in words, in Chromium.
 */
describe("issue 13: back from the sign-up signed in, and the journal telling it", () => {
  const running = useReturnStack();

  for (const [locale, phone] of [
    ["fr", false],
    ["en", true],
  ] as const) {
    const shape = phone ? "phone" : "desktop";
    it(`defects 11 and 10 (${locale}, ${shape}): the sign-up's end is the portal signed in, after one consent page listing each permission once`, async () => {
      const w = words[locale];
      const email = `lina.retour.${locale}@gmail.com`;
      const last = `Retour-${locale.toUpperCase()}`;
      const guide = await invitedWithoutAccount(running(), locale, email, last);
      const ctx = await browserContext(running().browser, locale, phone);
      const page = await ctx.newPage();
      await page.goto(guide);
      await page.getByRole("link", { name: w.create }).click();
      await signUp(running(), page, locale, email);

      // No "Votre compte est prêt / Continuer", no guide with "Se connecter": identity's consent.
      await page.getByRole("heading", { name: w.consent }).waitFor();
      const lines = (await page.locator("ul.permissions li").allTextContents()).map((l) => l.trim());
      assert.equal(new Set(lines).size, lines.length, `each permission once: ${lines.join(" | ")}`);
      assert.equal(lines.filter((l) => l.startsWith(w.signIn)).length, 1, lines.join(" | "));
      const accept = page.getByRole("button", { name: w.accept, exact: true });
      assert.match((await accept.getAttribute("class")) ?? "", /\bprimary\b/);
      assert.match(
        (await page.getByRole("button", { name: w.cancel }).getAttribute("class")) ?? "",
        /secondary/,
      );
      const colours = await accept.evaluate((b) => getComputedStyle(b).backgroundColor);
      assert.equal(colours, "rgb(0, 103, 184)", "Accepter wears the accent, as at Microsoft");
      await check(page, `issue13-${locale}-${shape}-consent-once`);
      await accept.click();

      await page.getByRole("heading", { name: `${w.welcome} Lina ${last}` }).waitFor();
      assert.ok(page.url().startsWith(`${running().portalUrl}/YPN/espace`), page.url());
      if (phone)
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          "no sideways scrolling",
        );
      await check(page, `issue13-${locale}-${shape}-back-signed-in`);
      await ctx.close();
    });
  }

  it("the journal (fr, desktop and phone) tells the account created, the invitation accepted and the sign-in, in words", async () => {
    for (const phone of [false, true]) {
      const used = await adminContext(running(), "fr", phone);
      const page = await used.newPage();
      await page.goto(`${running().portalUrl}/YPN/journal`);
      const contact = page.getByLabel("Interlocuteur", { exact: true });
      await contact.selectOption({ label: "Lina Retour-FR" });
      await page.getByRole("button", { name: "Filtrer" }).click();
      const rows = page.locator("ul.onboarding-rows");
      await rows.waitFor();
      const text = (await rows.textContent()) ?? "";
      assert.match(text, /Lina Retour-FR a créé son compte Microsoft/);
      assert.match(text, /Lina Retour-FR a accepté l'invitation/);
      assert.match(text, /Lina Retour-FR s'est connecté à l'espace/);
      assert.match(text, /a invité Lina Retour-FR/);
      assert.doesNotMatch(text, /Retour-EN|[0-9a-f]{8}-[0-9a-f]{4}-/);
      const csv = await page.getByRole("link", { name: "Exporter en CSV" }).getAttribute("href");
      assert.match(csv ?? "", /journal\.csv\?contact=/);
      if (phone)
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          "no sideways scrolling",
        );
      await check(page, `issue13-fr-${phone ? "phone" : "desktop"}-journal`);
      await used.close();
    }
  });
});
