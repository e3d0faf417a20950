import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { deflateSync } from "node:zlib";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "@sesame/portal/contacts/contact-queries";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { sendInvitation } from "@sesame/portal/invitations/invitation-operations";
import { refreshReadiness } from "@sesame/portal/readiness/readiness-operations";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { latestMail, type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

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

const PHONE = { width: 390, height: 844 };

/** A 24×24 PNG logo (a filled square in the firm's colour), made here so the test needs no file. */
const LOGO = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const size = 24;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: size }, () => [0x7a, 0x1f, 0x3d]).flat()),
  ]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
})();

/**
 * Issue 13, defect 11 (back from the sign-up signed in, no "Continuer" nor "Se connecter") and
 * defect 10's consent screen (each permission once, "Accepter" primary), then the journal that
 * tells it in words, in Chromium.
 */
describe("issue 13: back from the sign-up signed in, and the journal telling it", () => {
  let stack: Stack;
  let browser: Browser;
  let portalUrl: string;
  before(async () => {
    stack = await startStack(target!, { portal: true });
    assert.ok(stack.portal);
    portalUrl = stack.portal.url;
    const app = await findApplication(stack.identity.ctx.db, PORTAL_CLIENT_ID);
    assert.ok(app);
    for (const path of ["/YPN/authorize", "/auth/callback", "/auth/signed-out"])
      await addRedirectUri(stack.identity.ctx.db, app.id, `${portalUrl}${path}`, "web");
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

  async function context(locale: "fr" | "en", phone: boolean): Promise<BrowserContext> {
    return phone
      ? browser.newContext({
          locale: locale === "fr" ? "fr-FR" : "en-GB",
          viewport: PHONE,
          isMobile: true,
          hasTouch: true,
        })
      : newContext(browser, locale);
  }

  const firmAdmin = async () =>
    stack
      .portal!.ctx.db.selectFrom("staff")
      .innerJoin("firm", "firm.id", "staff.firm_id")
      .selectAll("staff")
      .where("firm.code", "=", "YPN")
      .where("staff.role", "=", "admin")
      .executeTakeFirstOrThrow();

  /** A contact with no Microsoft account yet, invited in their language; returns the guide's link. */
  async function invitedWithoutAccount(locale: "fr" | "en", email: string, last: string) {
    const ctx = stack.portal!.ctx;
    const admin = await firmAdmin();
    const firm = await ctx.db
      .selectFrom("firm")
      .selectAll()
      .where("id", "=", admin.firm_id)
      .executeTakeFirstOrThrow();
    const contact = await insertContact(ctx.db, admin.firm_id, {
      civility: "mme",
      firstName: "Lina",
      lastName: last,
      email,
      phone: null,
      language: locale,
    });
    assert.equal((await refreshReadiness(ctx, contact)).kind, "none");
    const fresh = await ctx.db
      .selectFrom("contact")
      .selectAll()
      .where("id", "=", contact.id)
      .executeTakeFirstOrThrow();
    assert.ok((await sendInvitation(ctx, { firm, staff: admin }, fresh)).ok);
    const mail = await latestMail(stack.identity, email, { subject: /vous invite|invites you/ });
    return /https:\/\/\S+\/YPN\/guide\/[\w-]+/.exec(mail.text)?.[0] ?? "";
  }

  async function signUp(page: Page, locale: "fr" | "en", email: string) {
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
      (await latestMail(stack.identity, email, { subject: w.subject })).text,
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

  for (const [locale, phone] of [
    ["fr", false],
    ["en", true],
  ] as const) {
    const shape = phone ? "phone" : "desktop";
    it(`defects 11 and 10 (${locale}, ${shape}): the sign-up's end is the portal signed in, after one consent page listing each permission once`, async () => {
      const w = words[locale];
      const email = `lina.retour.${locale}@gmail.com`;
      const last = `Retour-${locale.toUpperCase()}`;
      const guide = await invitedWithoutAccount(locale, email, last);
      const ctx = await context(locale, phone);
      const page = await ctx.newPage();
      await page.goto(guide);
      await page.getByRole("link", { name: w.create }).click();
      await signUp(page, locale, email);

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
      assert.ok(page.url().startsWith(`${portalUrl}/YPN/espace`), page.url());
      if (phone)
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          "no sideways scrolling",
        );
      await check(page, `issue13-${locale}-${shape}-back-signed-in`);
      await ctx.close();
    });
  }

  /** The demo firm's administrator, signed in (the session a Microsoft sign-in would create). */
  async function adminContext(locale: "fr" | "en", phone: boolean): Promise<BrowserContext> {
    const ctx = stack.portal!.ctx;
    const admin = await firmAdmin();
    const token = await createSession(ctx.db, {
      kind: "staff",
      firmId: admin.firm_id,
      subjectId: admin.id,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: admin.id,
      name: admin.display_name,
      idToken: "",
    });
    const used = await context(locale, phone);
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

  it("the journal (fr, desktop and phone) tells the account created, the invitation accepted and the sign-in, in words", async () => {
    const ctx = stack.portal!.ctx;
    const admin = await firmAdmin();
    const token = await createSession(ctx.db, {
      kind: "staff",
      firmId: admin.firm_id,
      subjectId: admin.id,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: admin.id,
      name: admin.display_name,
      idToken: "",
    });
    for (const phone of [false, true]) {
      const used = await context("fr", phone);
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
      const page = await used.newPage();
      await page.goto(`${portalUrl}/YPN/journal`);
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

  it("branding (fr desktop, en phone): the admin sets a logo and a colour; the guide and the signed-in header show the firm, not the portal", async () => {
    const fr = await adminContext("fr", false);
    const page = await fr.newPage();
    await page.goto(`${portalUrl}/YPN/branding`);
    await page.getByLabel("Couleur des boutons et du bandeau (#rrggbb, facultatif)").fill("#ffee00");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /trop claire pour du texte blanc/ })
      .waitFor();
    await check(page, "issue13-fr-desktop-branding-refused");
    await page.getByLabel("Nouveau logo (facultatif)").setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: LOGO,
    });
    await page.getByLabel("Couleur des boutons et du bandeau (#rrggbb, facultatif)").fill("#7a1f3d");
    await page.getByLabel("Nom d'expéditeur (facultatif)").fill("YPN Expertise – vos dossiers");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("status").filter({ hasText: "Image du cabinet enregistrée." }).waitFor();
    const brand = page.locator("header .brand");
    assert.match((await brand.textContent()) ?? "", /Cabinet Yvelines Partenaires Numériques/);
    assert.ok(
      await brand.locator("img").evaluate((img) => (img as HTMLImageElement).naturalWidth > 0),
      "the logo loads",
    );
    const accent = await page
      .getByRole("button", { name: "Enregistrer" })
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(accent, "rgb(122, 31, 61)", "the firm's colour on the primary button");
    await check(page, "issue13-fr-desktop-branding-saved");
    await fr.close();

    const email = "nina.marque@gmail.com";
    const guide = await invitedWithoutAccount("en", email, "Marque");
    const mail = await latestMail(stack.identity, email, { subject: /invites you/ });
    assert.match(mail.html, /\/YPN\/logo\?v=\d+" alt="Cabinet Yvelines Partenaires Numériques"/);
    const phone = await context("en", true);
    const client = await phone.newPage();
    await client.goto(guide);
    await client.getByRole("heading", { name: "Create a free Microsoft account" }).waitFor();
    const header = (await client.locator("header .brand").textContent()) ?? "";
    assert.match(header, /Cabinet Yvelines Partenaires Numériques/);
    assert.doesNotMatch(header, /Collaborative space/);
    assert.ok(
      await client.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      "no sideways scrolling",
    );
    await check(client, "issue13-en-phone-guide-branded");
    await phone.close();
  });
});
