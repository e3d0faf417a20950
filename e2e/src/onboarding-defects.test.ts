import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

/** The walk-through's defects that a person sees in a page, in Chromium (issue 13). */
describe("issue 13's onboarding defects, seen in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  let portalUrl: string;
  before(async () => {
    stack = await startStack(target!, { portal: true });
    assert.ok(stack.portal);
    portalUrl = stack.portal.url;
    await seedPortalDemo(stack.portal.ctx);
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function check(page: Page, name: string) {
    await expectNoAxeViolations(page, name);
    console.log(`screenshot: ${await screenshot(page, name)}`);
  }

  /** A signed-in staff member of the demo firm (the session a Microsoft sign-in would create). */
  async function staffContext(locale: "fr" | "en", viewport?: { width: number; height: number }) {
    const ctx = stack.portal!.ctx;
    const staff = await ctx.db
      .selectFrom("staff")
      .innerJoin("firm", "firm.id", "staff.firm_id")
      .selectAll("staff")
      .where("firm.code", "=", "YPN")
      .where("staff.role", "=", "admin")
      .executeTakeFirstOrThrow();
    const token = await createSession(ctx.db, {
      kind: "staff",
      firmId: staff.firm_id,
      subjectId: staff.id,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: staff.id,
      name: staff.display_name,
      idToken: "",
    });
    const used: BrowserContext = viewport
      ? await browser.newContext({
          locale: locale === "fr" ? "fr-FR" : "en-GB",
          viewport,
          isMobile: true,
          hasTouch: true,
        })
      : await newContext(browser, locale);
    await used.addCookies([
      {
        name: "__Host-portal_session",
        value: token,
        url: portalUrl,
        secure: true,
        httpOnly: true,
        sameSite: "Lax",
      },
    ]);
    return used;
  }

  const dossierId = async () =>
    (
      await stack
        .portal!.ctx.db.selectFrom("dossier")
        .select("id")
        .where("siren", "=", "812345676")
        .executeTakeFirstOrThrow()
    ).id;

  it("defects 1 and 5 (fr): a contact added from a dossier's page is attached to it, and the save is confirmed", async () => {
    const context = await staffContext("fr");
    const page = await context.newPage();
    await page.goto(`${portalUrl}/YPN/dossiers/${await dossierId()}`);
    await page.getByRole("link", { name: "Ajouter un interlocuteur" }).click();
    assert.equal(
      await page.getByLabel("SIREN du dossier à partager (facultatif)").inputValue(),
      "812345676",
      "the form remembers the dossier it came from",
    );
    await page.getByLabel("Madame").check();
    await page.getByLabel("Prénom").fill("Inès");
    await page.getByLabel("Nom", { exact: true }).fill("Depuis-Dossier");
    await page.getByLabel("Adresse courriel").fill("ines.depuis.dossier@gmail.com");
    await page
      .getByRole("status")
      .filter({ hasText: /Pas de compte Microsoft/ })
      .waitFor();
    await page.getByRole("button", { name: "Créer l'interlocuteur" }).click();
    await page.getByRole("heading", { name: /Depuis-Dossier/ }).waitFor();
    await page.getByRole("status").filter({ hasText: "Interlocuteur créé et invitation envoyée." }).waitFor();
    assert.match((await page.textContent("main")) ?? "", /Boulangerie Martin \(812345676\)/);
    await check(page, "issue13-fr-contact-from-dossier");
    await context.close();
  });

  it("defects 4 and 5 (en): a resend is a counted reminder, revoking asks first with a danger button, each confirmed", async () => {
    const context = await staffContext("en");
    const page = await context.newPage();
    const contact = await stack
      .portal!.ctx.db.selectFrom("contact")
      .select("id")
      .where("email_normalized", "=", "ines.depuis.dossier@gmail.com")
      .executeTakeFirstOrThrow();
    await page.goto(`${portalUrl}/YPN/interlocuteurs/${contact.id}`);
    await page.getByRole("button", { name: "Resend the invitation" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Reminder sent: the links already received still work." })
      .waitFor();
    assert.match((await page.textContent("main")) ?? "", /Invitation sent 2 times, last on/);
    assert.doesNotMatch((await page.textContent("body")) ?? "", /time\(s\)|Espace collaboratif/);
    await page.getByRole("link", { name: "Revoke the invitation" }).click();
    const yes = page.getByRole("button", { name: "Yes, revoke the invitation" });
    await yes.waitFor();
    const colours = await yes.evaluate((b) => getComputedStyle(b).color);
    const primary = await page.evaluate(() => {
      const probe = document.createElement("button");
      probe.className = "primary";
      document.body.append(probe);
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    });
    assert.notEqual(await yes.evaluate((b) => getComputedStyle(b).backgroundColor), primary);
    assert.equal(colours, "rgb(164, 38, 44)", "the danger button is drawn in the error colour");
    await check(page, "issue13-en-revoke-confirmation");
    await yes.click();
    await page
      .getByRole("status")
      .filter({ hasText: "Invitation cancelled: its links no longer work." })
      .waitFor();
    await check(page, "issue13-en-revoked");
    await context.close();
  });

  it("defect 6: every signed-in page fits a 390×844 phone with no sideways scroll", async () => {
    const context = await staffContext("fr", { width: 390, height: 844 });
    const page = await context.newPage();
    const contact = await stack
      .portal!.ctx.db.selectFrom("contact")
      .select("id")
      .where("email_normalized", "=", "ines.depuis.dossier@gmail.com")
      .executeTakeFirstOrThrow();
    const paths = [
      "/YPN/dossiers",
      `/YPN/dossiers/${await dossierId()}`,
      "/YPN/dossiers/new",
      "/YPN/interlocuteurs",
      "/YPN/interlocuteurs/new",
      `/YPN/interlocuteurs/${contact.id}`,
      `/YPN/interlocuteurs/${contact.id}/revoke`,
      "/YPN/licences",
      "/YPN/import",
      "/YPN/settings",
      "/YPN/audit",
    ];
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(`${portalUrl}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${path}: ${width}px`);
      await check(page, `issue13-phone${path.replace(/\//g, "-")}`);
    }
    assert.deepEqual(wide, [], "pages wider than the phone");
    await context.close();
  });
});
