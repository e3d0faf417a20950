import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { totpCode } from "@sesame/identity/factors/totp-test-support";
import { type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { addPersonalAccount } from "@sesame/identity/testing/test-accounts";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";

const [target] = await testTargets();
const PASSWORD = "Horloge-Menthe-47";

const words = {
  fr: {
    email: "Adresse courriel, téléphone ou identifiant Skype",
    next: "Suivant",
    password: "Mot de passe",
    signin: "Se connecter",
    no: "Non",
    setup: "Configurer une application d’authentification",
    setupTitle: "Configurer votre application d’authentification",
    enterCode: "Entrez ensuite le code à 6 chiffres affiché par l’application.",
    turnOn: "Activer",
    enabled: "Application d’authentification activée",
    verifyTitle: "Vérifier votre identité",
    code: "Code",
    verify: "Vérifier",
    kmsi: "Rester connecté ?",
    wrong: /Ce code est incorrect ou a déjà été utilisé/,
    account: "Votre compte",
  },
  en: {
    email: "Email, phone, or Skype",
    next: "Next",
    password: "Password",
    signin: "Sign in",
    no: "No",
    setup: "Set up an authenticator app",
    setupTitle: "Set up your authenticator app",
    enterCode: "Then enter the 6-digit code the app shows.",
    turnOn: "Turn on",
    enabled: "Authenticator app turned on",
    verifyTitle: "Verify your identity",
    code: "Code",
    verify: "Verify",
    kmsi: "Stay signed in?",
    wrong: /That code is wrong or was already used/,
    account: "Your account",
  },
} as const;

describe("authenticator app in Chromium", () => {
  let h: IdentityHarness;
  let chromium: Browser;
  before(async () => {
    h = await startTestIdentity(target!, {
      listen: true,
      env: { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" },
    });
    chromium = await launchChromium(
      fs.readFileSync(path.join(path.dirname(h.identity.caFile), "server.pem"), "utf8"),
    );
  });
  after(async () => {
    await chromium?.close();
    await h?.close();
  });

  async function signIn(page: Page, w: (typeof words)["fr" | "en"], email: string) {
    await page.goto(`${h.identity.url}/login`);
    await page.getByLabel(w.email).fill(email);
    await page.getByRole("button", { name: w.next }).click();
    await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: w.signin }).click();
  }

  for (const locale of ["fr", "en"] as const) {
    it(`sets the app up with its QR code, then signs in with a code from it (${locale})`, async () => {
      const w = words[locale];
      const email = `horloge-${locale}@outlook.fr`;
      await addPersonalAccount(h.identity.ctx.db, { email, password: PASSWORD });
      const context = await newContext(chromium, locale);
      const page = await context.newPage();
      await signIn(page, w, email);
      await page.getByRole("button", { name: w.no }).click();
      await page.getByRole("heading", { name: w.account, exact: true }).waitFor();
      await page.getByRole("link", { name: w.setup }).click();
      await page.getByRole("heading", { name: w.setupTitle }).waitFor();
      const qr = page.locator("main img");
      assert.ok(
        ((await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)) as number) > 100,
        "the QR code is drawn",
      );
      await expectNoAxeViolations(page, `TOTP enrolment (${locale})`);
      console.log(`screenshot: ${await screenshot(page, `totp-enrolment-${locale}`)}`);
      const key = (await page.locator("[data-totp-secret]").textContent()) ?? "";
      await page.getByLabel(w.enterCode).fill(totpCode(key));
      await page.getByRole("button", { name: w.turnOn }).click();
      await page.getByRole("heading", { name: w.enabled }).waitFor();
      assert.equal(await page.locator(".recovery-codes li").count(), 10);
      await expectNoAxeViolations(page, `recovery codes (${locale})`);
      console.log(`screenshot: ${await screenshot(page, `totp-recovery-codes-${locale}`)}`);
      await context.close();

      const next = await newContext(chromium, locale);
      const again = await next.newPage();
      await signIn(again, w, email);
      await again.getByRole("heading", { name: w.verifyTitle }).waitFor();
      await again.getByLabel(w.code, { exact: true }).fill("000000");
      await again.getByRole("button", { name: w.verify }).click();
      await again.getByRole("alert").filter({ hasText: w.wrong }).waitFor();
      await expectNoAxeViolations(again, `second factor step with an error (${locale})`);
      console.log(`screenshot: ${await screenshot(again, `totp-code-refused-${locale}`)}`);
      // The step that turned the app on was used; the app's next code is within the window.
      await again.getByLabel(w.code, { exact: true }).fill(totpCode(key, Date.now() + 30_000));
      await again.getByRole("button", { name: w.verify }).click();
      await again.getByRole("heading", { name: w.kmsi }).waitFor();
      await next.close();
      const sessions = await h.identity.ctx.db.selectFrom("sign_in_session").select("amr").execute();
      assert.ok(sessions.some((s) => s.amr === "pwd otp mfa"));
    });
  }
});
