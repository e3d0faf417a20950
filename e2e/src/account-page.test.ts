import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { demoPersonalAccount } from "@sesame/identity/demo/demo-data";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

describe("the account page in Chromium", () => {
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
      sessions: "Sessions ouvertes",
      everywhere: "Se déconnecter partout",
      done: "Vous êtes déconnecté sur tous vos appareils",
    },
    en: {
      email: "Email, phone, or Skype",
      next: "Next",
      password: "Password",
      signIn: "Sign in",
      no: "No",
      sessions: "Open sessions",
      everywhere: "Sign out everywhere",
      done: "You are signed out on all your devices",
    },
  } as const;

  for (const locale of ["fr", "en"] as const) {
    it(`shows sessions and privacy, fits a phone, and signs out everywhere (${locale})`, async () => {
      const w = words[locale];
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await page.goto(`${stack.identity.url}/account`);
      await page.getByLabel(w.email).fill(demoPersonalAccount.email);
      await page.getByRole("button", { name: w.next }).click();
      await page.getByLabel(w.password, { exact: true }).fill(demoPersonalAccount.password);
      await page.getByRole("button", { name: w.signIn }).click();
      await page.getByRole("button", { name: w.no }).click();
      await page.getByRole("heading", { name: w.sessions }).waitFor();
      await expectNoAxeViolations(page, `account page (${locale})`);
      await page.setViewportSize({ width: 390, height: 844 });
      console.log(`screenshot: ${await screenshot(page, `account-page-phone-${locale}`)}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a 390px phone`);
      const download = page.waitForEvent("download");
      await page
        .getByRole("link", { name: locale === "fr" ? "Télécharger vos données" : "Download your data" })
        .click();
      assert.equal((await download).suggestedFilename(), "sesame-account.json");
      await page.getByRole("button", { name: w.everywhere }).click();
      assert.equal(
        await page
          .getByRole("status")
          .textContent()
          .then((t) => t?.includes(w.done)),
        true,
      );
      await page.goto(`${stack.identity.url}/account`);
      assert.match(page.url(), /\/login\?/);
      await context.close();
    });
  }
});
