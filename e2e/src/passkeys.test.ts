import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { cliActor } from "@sesame/identity/audit/audit-log";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { setSecurityDefaults } from "@sesame/identity/factors/security-defaults-operations";
import { type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { addPersonalAccount } from "@sesame/identity/testing/test-accounts";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";

const [target] = await testTargets();
const PASSWORD = "Lanterne-Ardoise-63";

const words = {
  fr: {
    email: "Adresse courriel, téléphone ou identifiant Skype",
    next: "Suivant",
    password: "Mot de passe",
    signin: "Se connecter",
    no: "Non",
    account: "Votre compte",
    manage: "Gérer les clés d’accès",
    title: "Clés d’accès",
    name: "Nom de la clé d’accès",
    create: "Créer une clé d’accès",
    added: "La clé d’accès a été ajoutée.",
    withPasskey: "Se connecter avec une clé d’accès",
    useForFactor: "Utiliser une clé d’accès",
    kmsi: "Rester connecté ?",
    protect: "Protégez votre compte",
    addPasskey: "Ajouter une clé d’accès",
    admin: "Centre d'administration",
  },
  en: {
    email: "Email, phone, or Skype",
    next: "Next",
    password: "Password",
    signin: "Sign in",
    no: "No",
    account: "Your account",
    manage: "Manage passkeys",
    title: "Passkeys",
    name: "Passkey name",
    create: "Create a passkey",
    added: "The passkey was added.",
    withPasskey: "Sign in with a passkey",
    useForFactor: "Use a passkey",
    kmsi: "Stay signed in?",
    protect: "Protect your account",
    addPasskey: "Add a passkey",
    admin: "Admin center",
  },
} as const;

/**
 * Chromium's virtual platform authenticator (CDP WebAuthn domain): resident keys, user verified.
 * Without `autofill` the page sees a browser with no conditional mediation (passkeys in the email
 * field's autofill), as some still are: the "Sign in with a passkey" button is then the way.
 */
async function virtualAuthenticator(
  context: BrowserContext,
  page: Page,
  { autofill = false }: { autofill?: boolean } = {},
): Promise<void> {
  if (!autofill)
    await page.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

describe("passkeys in Chromium with a virtual authenticator", () => {
  let h: IdentityHarness;
  let chromium: Browser;
  before(async () => {
    h = await startTestIdentity(target!, {
      listen: true,
      env: { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" },
    });
    await seedIdentityDemo(h.identity.ctx);
    chromium = await launchChromium(
      fs.readFileSync(path.join(path.dirname(h.identity.caFile), "server.pem"), "utf8"),
    );
  });
  after(async () => {
    await chromium?.close();
    await h?.close();
  });

  async function password(
    page: Page,
    w: (typeof words)["fr" | "en"],
    email: string,
    pwd: string,
    to = "/login",
  ) {
    await page.goto(`${h.identity.url}${to}`);
    await page.getByLabel(w.email).fill(email);
    await page.getByRole("button", { name: w.next }).click();
    await page.getByLabel(w.password, { exact: true }).fill(pwd);
    await page.getByRole("button", { name: w.signin }).click();
  }

  for (const locale of ["fr", "en"] as const) {
    it(`enrols a passkey on the account page, then signs in with it and no password (${locale})`, async () => {
      const w = words[locale];
      const email = `lanterne-${locale}@outlook.fr`;
      await addPersonalAccount(h.identity.ctx.db, { email, password: PASSWORD });
      const context = await newContext(chromium, locale);
      const page = await context.newPage();
      await virtualAuthenticator(context, page);
      await password(page, w, email, PASSWORD);
      await page.getByRole("button", { name: w.no }).click();
      await page.getByRole("heading", { name: w.account, exact: true }).waitFor();
      await page.getByRole("link", { name: w.manage }).click();
      await page.getByRole("heading", { name: w.title, level: 1 }).waitFor();
      await page.getByLabel(w.name).fill("Chromium");
      await page.getByRole("button", { name: w.create }).click();
      await page.getByRole("status").filter({ hasText: w.added }).waitFor();
      await expectNoAxeViolations(page, `passkey list (${locale})`);
      console.log(`screenshot: ${await screenshot(page, `passkey-list-${locale}`)}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await expectNoAxeViolations(page, `passkey list on a phone (${locale})`);
      console.log(`screenshot: ${await screenshot(page, `passkey-list-phone-${locale}`)}`);
      await page.setViewportSize({ width: 1100, height: 900 });

      await context.clearCookies();
      await page.goto(`${h.identity.url}/login`);
      await expectNoAxeViolations(page, `email page with passkey (${locale})`);
      console.log(`screenshot: ${await screenshot(page, `passkey-email-page-${locale}`)}`);
      await page.getByRole("button", { name: w.withPasskey }).click();
      await page.getByRole("heading", { name: w.kmsi }).waitFor();
      const sessions = await h.identity.ctx.db.selectFrom("sign_in_session").select("amr").execute();
      assert.ok(
        sessions.some((s) => s.amr === "fido mfa"),
        "signed in by the passkey alone",
      );
      await context.close();
    });
  }

  it("offers the passkey in the email field's autofill, the button staying as the fallback", async () => {
    const w = words.en;
    const email = "lanterne-autofill@outlook.fr";
    await addPersonalAccount(h.identity.ctx.db, { email, password: PASSWORD });
    const context = await newContext(chromium, "en");
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await virtualAuthenticator(context, page, { autofill: true });
    // No passkey yet: the autofill request waits, and the page is the usual one with its button.
    await page.goto(`${h.identity.url}/login`);
    assert.equal(await page.getByLabel(w.email).getAttribute("autocomplete"), "username webauthn");
    await page.getByRole("button", { name: w.withPasskey }).waitFor();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const next = await page.getByRole("button", { name: w.next }).boundingBox();
      const passkey = await page.getByRole("button", { name: w.withPasskey }).boundingBox();
      assert.ok(next && passkey);
      assert.ok(
        Math.abs(next.x - passkey.x) <= 1 && Math.abs(next.width - passkey.width) <= 1,
        `at ${width} px the passkey button lines up with Next: ${JSON.stringify({ next, passkey })}`,
      );
    }
    await page.setViewportSize({ width: 1100, height: 900 });
    await password(page, w, email, PASSWORD);
    await page.getByRole("button", { name: w.no }).click();
    await page.getByRole("link", { name: w.manage }).click();
    await page.getByLabel(w.name).fill("Autofill");
    await page.getByRole("button", { name: w.create }).click();
    await page.getByRole("status").filter({ hasText: w.added }).waitFor();

    // With automatic presence, Chromium's virtual authenticator answers the autofill request at
    // once, as a person picking the passkey under the email field: no click, no address typed.
    await context.clearCookies();
    await page.goto(`${h.identity.url}/login`);
    await page.getByRole("heading", { name: w.kmsi }).waitFor();
    const sessions = await h.identity.ctx.db
      .selectFrom("sign_in_session as s")
      .innerJoin("account as a", "a.id", "s.account_id")
      .select("s.amr")
      .where("a.email_normalized", "=", email)
      .execute();
    assert.equal(sessions.length, 2, "the enrolment's session, then the autofill's");
    assert.ok(
      sessions.some((s) => s.amr === "fido mfa"),
      "signed in by the passkey alone",
    );
    assert.deepEqual(blocked, [], "the scripts run under the page's nonce");
    await context.close();
  });

  it("makes an administrator register at the next sign-in, then asks for the passkey at the admin centre", async () => {
    const w = words.en;
    const admin = { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" };
    const db = h.identity.ctx.db;
    const { tenant_id } = await db
      .selectFrom("account")
      .select("tenant_id")
      .where("email_normalized", "=", admin.email)
      .executeTakeFirstOrThrow();
    await setSecurityDefaults(h.identity.ctx, cliActor, tenant_id, true);
    const context = await newContext(chromium, "en");
    const page = await context.newPage();
    await virtualAuthenticator(context, page);
    await password(page, w, admin.email, admin.password, "/admin");
    await page.getByRole("button", { name: w.no }).click();
    await page.getByRole("heading", { name: w.protect }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Skip for now" }).count(), 0);
    await expectNoAxeViolations(page, "registration interrupt");
    console.log(`screenshot: ${await screenshot(page, "passkey-interrupt-admin")}`);
    await page.getByRole("link", { name: w.addPasskey }).click();
    await page.getByRole("button", { name: w.create }).click();
    await page.waitForURL(/\/admin/);
    await page.getByRole("heading", { name: w.admin }).first().waitFor();

    await context.clearCookies();
    await password(page, w, admin.email, admin.password, "/admin");
    await page.getByRole("button", { name: w.useForFactor }).click();
    await page.getByRole("heading", { name: w.kmsi }).waitFor();
    await page.getByRole("button", { name: w.no }).click();
    await page.waitForURL(/\/admin/);
    await page.getByRole("heading", { name: w.admin }).first().waitFor();
    const sessions = await db.selectFrom("sign_in_session").select("amr").execute();
    assert.ok(sessions.some((s) => s.amr === "pwd fido mfa"));
    await page.getByRole("link", { name: "Authentication methods" }).click();
    await page.getByRole("heading", { name: "Authentication methods" }).first().waitFor();
    assert.match((await page.locator("main").textContent()) ?? "", /Passkey “Passkey”/);
    await expectNoAxeViolations(page, "admin centre authentication methods");
    console.log(`screenshot: ${await screenshot(page, "passkey-admin-methods")}`);
    await context.close();
  });
});
