import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findContactByEmail, insertContact, linkDossier } from "@sesame/portal/contacts/contact-queries";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { insertDossier } from "@sesame/portal/dossiers/dossier-queries";
import { findFirmByCode } from "@sesame/portal/firms/firm-queries";
import { firmTenantId } from "@sesame/portal/guests/guest-sign-in";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { latestMail, type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

const words = {
  fr: {
    turnOn: "Passer en accès invité",
    switched: "Accès invité activé et invitation envoyée.",
    invitedSubject: /vous invite/,
    cta: "Accepter l'invitation",
    send: "Envoyer le code",
    code: "Code",
    signIn: "Se connecter",
    no: "Non",
    accept: "Accepter",
    codeSubject: /Votre code d'accès/,
    hello: /Bonjour Inès Invitée/,
    way: /Connexion : invité du cabinet/,
    email: "Adresse courriel, téléphone ou identifiant Skype",
    next: "Suivant",
    password: "Mot de passe",
  },
  en: {
    turnOn: "Switch to guest access",
    switched: "Guest access on and invitation sent.",
    invitedSubject: /invites you/,
    cta: "Accept the invitation",
    send: "Send code",
    code: "Code",
    signIn: "Sign in",
    no: "No",
    accept: "Accept",
    codeSubject: /verification code/,
    hello: /Hello Inès Invitée/,
    way: /Signs in with: guest of the firm/,
    email: "Email, phone, or Skype",
    next: "Next",
    password: "Password",
  },
} as const;

/** Graph's application permission User.Invite.All (Microsoft's id). */
const USER_INVITE_ALL_ROLE = "09850681-111b-4a89-9bed-3f2cae46d706";

describe("a gmail contact with no account becomes a guest of the firm and signs in to the portal, in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  let portalUrl: string;
  before(async () => {
    stack = await startStack(target!, { portal: true });
    const portal = stack.portal;
    assert.ok(portal);
    portalUrl = portal.url;
    const app = await findApplication(stack.identity.ctx.db, PORTAL_CLIENT_ID);
    assert.ok(app);
    for (const path of ["/YPN/authorize", "/auth/callback", "/auth/signed-out"])
      await addRedirectUri(stack.identity.ctx.db, app.id, `${portalUrl}${path}`, "web");
    await seedPortalDemo(portal.ctx);
    // The firm's Global Administrator granted the portal's application User.Invite.All in the firm's tenant.
    await assignAppRole(stack.identity.ctx.db, {
      clientAppId: PORTAL_CLIENT_ID,
      resourceAppId: GRAPH_APP_ID,
      tenantId: (await firmTenantId(portal.ctx)) ?? "",
      appRoleId: USER_INVITE_ALL_ROLE,
    });
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function check(page: Page, name: string) {
    await expectNoAxeViolations(page, name);
    console.log(`screenshot: ${await screenshot(page, `guest-${name}`)}`);
  }

  /** A staff member of YPN, signed in (the session a finished Microsoft sign-in leaves). */
  async function staffContext(locale: "fr" | "en"): Promise<BrowserContext> {
    const portal = stack.portal;
    assert.ok(portal);
    const firm = await findFirmByCode(portal.ctx.db, "YPN");
    assert.ok(firm);
    const staff = await portal.ctx.db
      .selectFrom("staff")
      .selectAll()
      .where("firm_id", "=", firm.id)
      .where("role", "=", "admin")
      .executeTakeFirstOrThrow();
    const token = await createSession(portal.ctx.db, {
      kind: "staff",
      firmId: firm.id,
      subjectId: staff.id,
      tid: "00000000-0000-0000-0000-0000000000aa",
      oid: staff.id,
      name: staff.display_name,
      idToken: "",
    });
    const context = await newContext(browser, locale);
    await context.addCookies([
      {
        name: "__Host-portal_session",
        value: token,
        url: portalUrl,
        secure: true,
        httpOnly: true,
        sameSite: "Lax",
      },
    ]);
    return context;
  }

  for (const locale of ["fr", "en"] as const) {
    it(`redeems with an e-mailed code, accepts the permissions and sees the dossier, with no account or password (${locale})`, async () => {
      const portal = stack.portal;
      assert.ok(portal);
      const w = words[locale];
      const email = `ines.invitee.${locale}@gmail.com`;
      const firm = await findFirmByCode(portal.ctx.db, "YPN");
      assert.ok(firm);
      const dossier = await insertDossier(portal.ctx.db, firm.id, {
        name: `Fromagerie Invitée ${locale}`,
        siren: locale === "fr" ? "552100554" : "542051180",
        siret: null,
        address: "1 rue du Port",
        accountantId: null,
        status: "active",
      });
      const contact = await insertContact(portal.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Inès",
        lastName: "Invitée",
        email,
        phone: null,
        language: locale,
      });
      await linkDossier(portal.ctx.db, contact.id, {
        dossierId: dossier.id,
        read: true,
        upload: false,
        approve: false,
      });

      // The firm switches the contact to guest access.
      const staff = await staffContext(locale);
      const staffPage = await staff.newPage();
      await staffPage.goto(`${portalUrl}/YPN/interlocuteurs/${contact.id}`);
      await check(staffPage, `${locale}-contact-before`);
      await staffPage.getByRole("button", { name: w.turnOn }).click();
      await staffPage.getByRole("status").filter({ hasText: w.switched }).waitFor();

      // The portal's own mail carries Microsoft's redeem link.
      const mail = await latestMail(stack.identity, email, { subject: w.invitedSubject });
      assert.match(mail.text, new RegExp(w.cta));
      const redeem = /https:\/\/\S+\/redeem\?rd=[\w-]+/.exec(mail.text)?.[0];
      assert.ok(redeem, mail.text);

      const person = await newContext(browser, locale);
      const page = await person.newPage();
      await page.goto(redeem);
      await page.getByRole("button", { name: w.send }).click();
      await check(page, `${locale}-code`);
      const codeMail = await latestMail(stack.identity, email, { subject: w.codeSubject });
      const code = /: (\d{4,8})/.exec(codeMail.text)?.[1] ?? "";
      await page.getByLabel(w.code, { exact: true }).fill(code);
      await page.getByRole("button", { name: w.signIn }).click();
      await page.getByRole("button", { name: w.no }).click();
      await page.getByRole("button", { name: w.accept }).waitFor();
      await check(page, `${locale}-review-permissions`);
      await page.getByRole("button", { name: w.accept }).click();
      // Back at the portal, which signs the guest in at the firm's tenant (the portal's own consent once).
      for (let step = 0; step < 4 && !page.url().startsWith(`${portalUrl}/YPN/espace`); step++) {
        const accept = page.getByRole("button", { name: w.accept, exact: true });
        await accept.or(page.locator("body[data-portal]")).first().waitFor({ timeout: 15_000 });
        if (page.url().startsWith(portalUrl)) break;
        await accept.click();
        await page.waitForLoadState("load");
      }
      await page.getByRole("heading", { name: w.hello }).waitFor();
      assert.match((await page.textContent("main")) ?? "", new RegExp(dossier.name));
      await check(page, `${locale}-space`);
      await page.setViewportSize({ width: 390, height: 844 });
      await check(page, `${locale}-space-phone`);

      // The firm sees the way the person came in.
      await staffPage.goto(`${portalUrl}/YPN/interlocuteurs/${contact.id}`);
      assert.match((await staffPage.textContent("main"))?.replace(/\s+/g, " ") ?? "", w.way);
      await check(staffPage, `${locale}-contact-after`);
      await person.close();
      await staff.close();
    });
  }

  /** Staff switch a new contact (with a dossier) to guest access; returns the redeem link of the portal's mail. */
  async function invitedAsGuest(locale: "fr" | "en", email: string, siren: string) {
    const portal = stack.portal;
    assert.ok(portal);
    const firm = await findFirmByCode(portal.ctx.db, "YPN");
    assert.ok(firm);
    const dossier = await insertDossier(portal.ctx.db, firm.id, {
      name: `Dossier ${email}`,
      siren,
      siret: null,
      address: "2 quai Ouest",
      accountantId: null,
      status: "active",
    });
    // The demo already knows some of these people as contacts (with their own names).
    const contact =
      (await findContactByEmail(portal.ctx.db, firm.id, email)) ??
      (await insertContact(portal.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Inès",
        lastName: "Invitée",
        email,
        phone: null,
        language: locale,
      }));
    await linkDossier(portal.ctx.db, contact.id, {
      dossierId: dossier.id,
      read: true,
      upload: false,
      approve: false,
    });
    const staff = await staffContext(locale);
    const staffPage = await staff.newPage();
    await staffPage.goto(`${portalUrl}/YPN/interlocuteurs/${contact.id}`);
    await staffPage.getByRole("button", { name: words[locale].turnOn }).click();
    await staffPage.getByRole("status").filter({ hasText: words[locale].switched }).waitFor();
    // In the contact's language (a demo contact may speak the other one).
    const mail = await latestMail(stack.identity, email, { subject: /vous invite|invites you/ });
    const redeem = /https:\/\/\S+\/redeem\?rd=[\w-]+/.exec(mail.text)?.[0];
    assert.ok(redeem, mail.text);
    return { contact, dossier, staff, staffPage, redeem };
  }

  /** At identity with an existing account: email, password, "stay signed in" No, Accept (review, consent), until the portal's space. */
  async function redeemWithAccount(
    page: Page,
    locale: "fr" | "en",
    account: { email: string; password: string },
  ) {
    const w = words[locale];
    for (let step = 0; step < 10; step++) {
      const emailField = page.getByLabel(w.email);
      const passwordField = page.getByLabel(w.password, { exact: true });
      const no = page.getByRole("button", { name: w.no, exact: true });
      const accept = page.getByRole("button", { name: w.accept, exact: true });
      const hello = page.getByRole("heading", { name: /^(Bonjour|Hello) / });
      await emailField.or(passwordField).or(no).or(accept).or(hello).first().waitFor({ timeout: 15_000 });
      if (await hello.isVisible()) return;
      if (await passwordField.isVisible()) {
        await passwordField.fill(account.password);
        await page.getByRole("button", { name: w.signIn }).click();
      } else if (await emailField.isVisible()) {
        await emailField.fill(account.email);
        await page.getByRole("button", { name: w.next }).click();
      } else if (await no.isVisible()) await no.click();
      else await accept.click();
      await page.waitForLoadState("load");
    }
    throw new Error(`did not reach the portal: ${page.url()}`);
  }

  for (const [kind, locale, account, siren] of [
    [
      "an existing personal account",
      "fr",
      { email: "camille.durand@outlook.fr", password: "Tournesol-Quai-47" },
      "732829320",
    ],
    [
      "a work account of another tenant",
      "en",
      { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" },
      "443061841",
    ],
  ] as const) {
    it(`redeems with ${kind} and signs in to the portal as the firm's guest (${locale})`, async () => {
      const { dossier, staff, staffPage, contact, redeem } = await invitedAsGuest(
        locale,
        account.email,
        siren,
      );
      const person = await newContext(browser, locale);
      const page = await person.newPage();
      await page.goto(redeem);
      await redeemWithAccount(page, locale, account);
      assert.match((await page.textContent("main")) ?? "", new RegExp(dossier.name));
      await check(page, `${locale}-space-${kind}`);
      const portal = stack.portal;
      assert.ok(portal);
      const bound = await portal.ctx.db
        .selectFrom("contact")
        .innerJoin("contact_guest", "contact_guest.contact_id", "contact.id")
        .select(["contact.tid", "contact.oid", "contact_guest.tenant_id", "contact_guest.object_id"])
        .where("contact.id", "=", contact.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([bound.tid, bound.oid], [bound.tenant_id, bound.object_id]);
      await staffPage.goto(`${portalUrl}/YPN/interlocuteurs/${contact.id}`);
      assert.match((await staffPage.textContent("main"))?.replace(/\s+/g, " ") ?? "", words[locale].way);
      await person.close();
      await staff.close();
    });
  }
});
