import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { totpCode } from "@sesame/identity/factors/totp-test-support";
import { deliveredMail } from "@sesame/identity/testing/delivered-mail";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();
const reseller = { email: "nadia.roche@distrilog.onmicrosoft.com", password: "Revendeur-Licences-52" };

/** Email, password, then "Stay signed in?" → No; lands on the return address. */
async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email, phone, or Skype").fill(email);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function stayNo(page: Page) {
  await page.getByRole("heading", { name: "Stay signed in?" }).waitFor();
  await page.getByRole("button", { name: "No" }).click();
}

describe("reseller and admin centre in Chromium", () => {
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

  it("a reseller creates a customer tenant; its admin assigns licences and cannot go past the seats", async () => {
    const partner = await (await newContext(browser, "en")).newPage();
    await partner.goto(`${stack.identity.url}/reseller`);
    await signIn(partner, reseller.email, reseller.password);
    await stayNo(partner);
    await partner.getByRole("heading", { name: "Partner center" }).waitFor();
    await expectNoAxeViolations(partner, "partner centre");

    await partner.getByLabel("Company name").fill("Cave Dubois");
    await partner.getByLabel(/Initial domain/).fill("cavedubois");
    await partner.getByLabel("Global Administrator's name").fill("Jules Dubois");
    await partner.getByLabel("Email address to send their credentials to").fill("jules.dubois@example.org");
    await partner.getByLabel("Product").selectOption({ label: "Microsoft 365 Business Basic" });
    await partner.getByLabel("Number of licenses").fill("1");
    await partner.getByRole("button", { name: "Create a customer" }).click();
    await partner.getByRole("status").filter({ hasText: "Customer Cave Dubois created" }).waitFor();
    await expectNoAxeViolations(partner, "customer created");
    console.log(`screenshot: ${await screenshot(partner, "reseller-customer-created")}`);

    // The credentials went out by mail in the same transaction as the tenant.
    const mail = await deliveredMail(stack.identity.ctx, "jules.dubois@example.org");
    const temporary = /Temporary password: (\S+)/.exec(mail.text_body)?.[1];
    assert.ok(temporary);

    const admin = await (await newContext(browser, "en")).newPage();
    await admin.goto(`${stack.identity.url}/admin/users`);
    await signIn(admin, "admin@cavedubois.onmicrosoft.com", temporary);
    await admin.getByRole("heading", { name: "Update your password" }).waitFor();
    await admin.getByLabel("Current password").fill(temporary);
    await admin.getByLabel("New password").fill("Cave-Dubois-Vendanges-77");
    await admin.getByLabel("Confirm password").fill("Cave-Dubois-Vendanges-77");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await stayNo(admin);
    // Security defaults are on for a new organization: its administrator registers a second factor first.
    await admin.getByRole("heading", { name: "Protect your account" }).waitFor();
    await expectNoAxeViolations(admin, "registration interrupt");
    await admin.getByRole("link", { name: "Set up an authenticator app" }).click();
    await admin.getByRole("heading", { name: "Set up your authenticator app" }).waitFor();
    console.log(`screenshot: ${await screenshot(admin, "admin-registers-totp")}`);
    const key = (await admin.locator("[data-totp-secret]").textContent()) ?? "";
    await admin.getByLabel("Then enter the 6-digit code the app shows.").fill(totpCode(key));
    await admin.getByRole("button", { name: "Turn on" }).click();
    await admin.getByRole("heading", { name: "Authenticator app turned on" }).waitFor();
    await expectNoAxeViolations(admin, "recovery codes");
    await admin.getByRole("link", { name: "Continue" }).click();
    await admin.getByRole("heading", { name: "Active users" }).waitFor();
    await expectNoAxeViolations(admin, "admin centre users");

    await admin.getByLabel("Display name").fill("Paul Caviste");
    await admin.getByLabel("Username").fill("paul");
    await admin.getByLabel("Password (leave empty to generate one)").fill("Paul-Caviste-Tonneau-5");
    await admin.getByRole("button", { name: "Add a user" }).click();
    await admin.getByRole("heading", { name: "Paul Caviste" }).waitFor();
    await admin.getByLabel("Product").selectOption({ label: "Microsoft 365 Business Basic" });
    await admin.getByRole("button", { name: "Assign a license" }).click();
    await admin.getByRole("button", { name: "Remove the Microsoft 365 Business Basic license" }).waitFor();
    await expectNoAxeViolations(admin, "user page");

    await admin.getByRole("link", { name: "Active users" }).click();
    await admin.getByRole("link", { name: "Jules Dubois" }).click();
    await admin.getByLabel("Product").selectOption({ label: "Microsoft 365 Business Basic" });
    await admin.getByRole("button", { name: "Assign a license" }).click();
    const refusal = admin.getByRole("alert");
    await refusal.waitFor();
    assert.match(
      (await refusal.textContent()) ?? "",
      /All Microsoft 365 Business Basic licenses \(1\) are assigned/,
    );
    await expectNoAxeViolations(admin, "seat refusal");
    console.log(`screenshot: ${await screenshot(admin, "admin-seat-refused")}`);

    await admin.getByRole("link", { name: "Licenses" }).click();
    const row = admin.getByRole("row", { name: /Microsoft 365 Business Basic/ });
    assert.match((await row.textContent()) ?? "", /paul@cavedubois\.onmicrosoft\.com/);
    await expectNoAxeViolations(admin, "licences page");
    console.log(`screenshot: ${await screenshot(admin, "admin-licences")}`);

    for (const path of [
      "/admin",
      "/admin/roles",
      "/admin/domains",
      "/admin/applications",
      "/admin/settings",
      "/admin/sign-ins",
      "/admin/audit",
    ]) {
      await admin.goto(`${stack.identity.url}${path}`);
      await expectNoAxeViolations(admin, path);
    }
    console.log(`screenshot: ${await screenshot(admin, "admin-audit")}`);
  });

  it("shows a plain user of the demo tenant a 403 page, in French, accessible", async () => {
    const page = await (await newContext(browser, "fr")).newPage();
    await page.goto(`${stack.identity.url}/login?return=%2Fadmin`);
    await page
      .getByLabel("Adresse courriel, téléphone ou identifiant Skype")
      .fill("emma.petit@boulangerie-martin.fr");
    await page.getByRole("button", { name: "Suivant" }).click();
    await page.getByLabel("Mot de passe", { exact: true }).fill("Farine-Levain-29");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("button", { name: "Non" }).click();
    await page.getByRole("heading", { name: "Accès refusé" }).waitFor();
    await expectNoAxeViolations(page, "403 page");
  });
});
