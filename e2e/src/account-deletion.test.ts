import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findAccountByEmail } from "@sesame/identity/accounts/account-queries";
import { startIdentityJobs } from "@sesame/identity/identity-jobs";
import { addPersonalAccount } from "@sesame/identity/testing/test-accounts";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();
const PASSWORD = "Cerisier-Falaise-28";

describe("closing an account in Chromium: reopen during the grace period, erasure after it", () => {
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

  const words = {
    fr: {
      email: "Adresse courriel, téléphone ou identifiant Skype",
      next: "Suivant",
      password: "Mot de passe",
      signIn: "Se connecter",
      no: "Non",
      open: "Fermer mon compte…",
      title: "Fermer votre compte",
      confirm: /Je comprends que mon compte/,
      submit: "Fermer mon compte",
      closed: "Votre compte est fermé",
      reopenTitle: "Rouvrir votre compte ?",
      reopen: "Rouvrir mon compte",
      account: "Sessions ouvertes",
    },
    en: {
      email: "Email, phone, or Skype",
      next: "Next",
      password: "Password",
      signIn: "Sign in",
      no: "No",
      open: "Close my account…",
      title: "Close your account",
      confirm: /I understand that my account/,
      submit: "Close my account",
      closed: "Your account is closed",
      reopenTitle: "Reopen your account?",
      reopen: "Reopen my account",
      account: "Open sessions",
    },
  } as const;

  async function signIn(page: Page, locale: "fr" | "en", email: string) {
    const w = words[locale];
    await page.goto(`${stack.identity.url}/account`);
    await page.getByLabel(w.email).fill(email);
    await page.getByRole("button", { name: w.next }).click();
    await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: w.signIn }).click();
  }

  async function closeAccount(page: Page, locale: "fr" | "en") {
    const w = words[locale];
    await page.getByRole("link", { name: w.open }).click();
    await page.getByRole("heading", { name: w.title }).waitFor();
    await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await page.getByLabel(w.confirm).check();
    await page.getByRole("button", { name: w.submit, exact: true }).click();
    await page.getByRole("heading", { name: w.closed }).waitFor();
  }

  for (const locale of ["fr", "en"] as const) {
    it(`closes the account, reopens it by signing in, closes it again and sees it erased after 30 days (${locale})`, async () => {
      const w = words[locale];
      const email = `leontine.marchal.${locale}@outlook.fr`;
      await addPersonalAccount(stack.identity.ctx.db, { email, password: PASSWORD });
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await signIn(page, locale, email);
      await page.getByRole("button", { name: w.no }).click();
      await page.getByRole("heading", { name: w.account }).waitFor();

      await page.getByRole("link", { name: w.open }).click();
      await page.getByRole("heading", { name: w.title }).waitFor();
      await expectNoAxeViolations(page, `close account page (${locale})`);
      await page.setViewportSize({ width: 390, height: 844 });
      console.log(`screenshot: ${await screenshot(page, `account-close-phone-${locale}`)}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a 390px phone`);
      await page.goBack();
      await closeAccount(page, locale);
      await expectNoAxeViolations(page, `account closed (${locale})`);

      // Signing in during the grace period offers to reopen; reopening goes on to the account page.
      await signIn(page, locale, email);
      await page.getByRole("heading", { name: w.reopenTitle }).waitFor();
      await expectNoAxeViolations(page, `reopen offer (${locale})`);
      console.log(`screenshot: ${await screenshot(page, `account-reopen-${locale}`)}`);
      await page.getByRole("button", { name: w.reopen }).click();
      await page.getByRole("button", { name: w.no }).click();
      await page.getByRole("heading", { name: w.account }).waitFor();
      assert.equal((await findAccountByEmail(stack.identity.ctx.db, email))?.deletion_due_at, null);

      // Closed again, then the grace period passes (the job runner's clock, not a sleep).
      await closeAccount(page, locale);
      const runner = startIdentityJobs(stack.identity.ctx, {
        now: () => Date.now() + 31 * DAY_MS,
        timer: false,
      });
      assert.equal(await runner.runOnce(), 1);
      await runner.stop();
      assert.equal(await findAccountByEmail(stack.identity.ctx.db, email), undefined);
      await signIn(page, locale, email);
      await page.getByRole("alert").waitFor();
      assert.doesNotMatch(await page.content(), new RegExp(w.reopenTitle.replace("?", "\\?")));
      await context.close();
    });
  }
});
