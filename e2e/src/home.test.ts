import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

describe("home pages in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  before(async () => {
    stack = await startStack(target!, { portal: true });
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const locale of ["fr", "en"] as const) {
    it(`shows identity's account home and the portal home in ${locale}, accessible, over verified HTTPS`, async () => {
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await page.goto(stack.identity.url);
      const create = locale === "fr" ? "Créer un compte Microsoft" : "Create a Microsoft account";
      assert.equal(await page.getByRole("link", { name: create }).isVisible(), true);
      await expectNoAxeViolations(page, "identity home");
      console.log(`screenshot: ${await screenshot(page, `identity-home-${locale}`)}`);
      await page.goto(stack.portal!.url);
      await expectNoAxeViolations(page, "portal home");
      for (const service of [stack.identity.url, stack.portal!.url]) {
        for (const footerLink of locale === "fr"
          ? ["Contrat de services", "Confidentialité et cookies"]
          : ["Services Agreement", "Privacy and cookies"]) {
          await page.goto(service);
          await page.getByRole("link", { name: footerLink }).click();
          await page.getByRole("heading", { level: 1 }).waitFor();
          assert.notEqual(await page.title(), "", `${footerLink} on ${service}`);
          assert.doesNotMatch(await page.content(), /error\.notFound|n'existe pas|does not exist/);
        }
      }
      await context.close();
    });
  }

  it("switches language with the visible switcher and remembers it", async () => {
    const context = await newContext(browser, "fr");
    const page = await context.newPage();
    await page.goto(stack.identity.url);
    await page.getByRole("link", { name: "English" }).click();
    await page.getByRole("link", { name: "Create a Microsoft account" }).waitFor();
    await page.goto(`${stack.identity.url}/login`);
    assert.equal(await page.getByRole("heading", { name: "Sign in" }).isVisible(), true);
    await context.close();
  });
});
