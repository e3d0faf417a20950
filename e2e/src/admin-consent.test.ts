import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { PORTAL_CLIENT_ID, PORTAL_DEMO_SECRET } from "@sesame/identity/demo/portal-application";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();
const PORTAL = "https://portal.boulangerie.test";
const people = {
  user: { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" },
  appAdmin: { email: "lucas.bernard@boulangerie-martin.fr", password: "Croissant-Beurre-63" },
};

/** Email, password, then "Stay signed in?" → No. */
async function signIn(page: Page, who: { email: string; password: string }) {
  await page.getByLabel("Email, phone, or Skype").fill(who.email);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Stay signed in?" }).waitFor();
  await page.getByRole("button", { name: "No" }).click();
}

describe("tenant-wide admin consent in Chromium (the seed's approval URL)", () => {
  let stack: Stack;
  let browser: Browser;
  /** What reached the portal's /YPN/authorize (a stand-in page answers there). */
  const reachedPortal: URL[] = [];
  let code = "";
  const seedUrl = () =>
    `${stack.identity.url}/common/oauth2/authorize?client_id=${PORTAL_CLIENT_ID}&redirect_uri=${PORTAL}/YPN/authorize&resource=https://graph.microsoft.com/&response_type=code&response_mode=`;
  async function person(who: { email: string; password: string }) {
    const page = await (await newContext(browser, "en")).newPage();
    await page.route(`${PORTAL}/**`, (route) => {
      reachedPortal.push(new URL(route.request().url()));
      return route.fulfill({ contentType: "text/html", body: "<title>portal</title><h1>Portal</h1>" });
    });
    await page.goto(seedUrl());
    await signIn(page, who);
    return page;
  }
  const token = (form: Record<string, string>) =>
    stack.identity.app.inject({
      method: "POST",
      url: "/common/oauth2/token",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        client_id: PORTAL_CLIENT_ID,
        client_secret: PORTAL_DEMO_SECRET,
        ...form,
      }).toString(),
    });

  before(async () => {
    stack = await startStack(target!);
    const app = await findApplication(stack.identity.ctx.db, PORTAL_CLIENT_ID);
    assert.ok(app);
    await addRedirectUri(stack.identity.ctx.db, app.id, `${PORTAL}/YPN/authorize`, "web");
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("(a) shows a plain user Need admin approval; no code reaches the portal", async () => {
    const page = await person(people.user);
    await page.getByRole("heading", { name: "Need admin approval" }).waitFor();
    assert.match((await page.textContent("main")) ?? "", /AADSTS90094/);
    await expectNoAxeViolations(page, "need admin approval");
    console.log(`screenshot: ${await screenshot(page, "admin-consent-need-approval")}`);
    assert.equal(reachedPortal.length, 0);
    await page.context().close();
  });

  it("(b) lets the Application Administrator consent on behalf of the organization; the portal gets a code", async () => {
    const page = await person(people.appAdmin);
    const box = page.getByLabel("Consent on behalf of your organization");
    await box.waitFor();
    await expectNoAxeViolations(page, "consent with organization box");
    await box.check();
    console.log(`screenshot: ${await screenshot(page, "admin-consent-on-behalf")}`);
    await page.getByRole("button", { name: "Accept", exact: true }).click();
    await page.getByRole("heading", { name: "Portal" }).waitFor();
    const landed = reachedPortal.at(-1);
    assert.equal(landed?.pathname, "/YPN/authorize");
    code = landed?.searchParams.get("code") ?? "";
    assert.ok(code);
    const grant = await stack.identity.ctx.db
      .selectFrom("oauth2_permission_grant as g")
      .innerJoin("tenant_domain as d", "d.tenant_id", "g.tenant_id")
      .select(["g.consent_type", "g.scope"])
      .where("d.name", "=", "boulangerie-martin.fr")
      .where("g.client_app_id", "=", PORTAL_CLIENT_ID)
      .executeTakeFirstOrThrow();
    assert.equal(grant.consent_type, "AllPrincipals");
    await page.context().close();
  });

  it("(c) revoking in the admin centre makes the next token request for the tenant fail with AADSTS65001", async () => {
    const tokens = await token({
      grant_type: "authorization_code",
      code,
      redirect_uri: `${PORTAL}/YPN/authorize`,
    });
    assert.equal(tokens.statusCode, 200, tokens.body);
    const admin = await (await newContext(browser, "en")).newPage();
    await admin.goto(`${stack.identity.url}/admin/applications`);
    await signIn(admin, people.appAdmin);
    const revoke = admin.getByRole("button", {
      name: "Revoke the permissions of Espace collaboratif du cabinet",
    });
    await revoke.waitFor();
    await expectNoAxeViolations(admin, "enterprise applications");
    await revoke.click();
    await admin.getByText("No application has been allowed in this organization yet.").waitFor();
    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token: tokens.json().refresh_token,
    });
    assert.equal(refreshed.statusCode, 400);
    assert.deepEqual(refreshed.json().error_codes, [65001]);
    await admin.context().close();
  });
});
