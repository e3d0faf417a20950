import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { revokeApplicationAccess } from "@sesame/identity/apps/application-grants";
import { setConsentRequestPolicy } from "@sesame/identity/consent-requests/consent-request-operations";
import { roleReviewer } from "@sesame/identity/consent-requests/consent-request-rules";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import { ROLES } from "@sesame/identity/roles/role-catalogue";
import { tenantOfDomain } from "@sesame/identity/tenants/tenant-queries";
import { testTargets } from "@sesame/kit/db/test-databases";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { sendInvitation } from "@sesame/portal/invitations/invitation-operations";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { latestMail, type Stack, startStack } from "./support/servers";

const [target] = await testTargets();
const emma = { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" };
const sophie = { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" };

const words = {
  fr: {
    email: "Adresse courriel, téléphone ou identifiant Skype",
    next: "Suivant",
    password: "Mot de passe",
    signin: "Se connecter",
    no: "Non",
    needApproval: "Approbation de l'administrateur requise",
    reason: "Justification de la demande",
    request: "Demander l'approbation",
    sent: "Demande envoyée",
    approve: "Approuver",
    approved: /est approuvée/,
  },
  en: {
    email: "Email, phone, or Skype",
    next: "Next",
    password: "Password",
    signin: "Sign in",
    no: "No",
    needApproval: "Need admin approval",
    reason: "Justification for requesting access",
    request: "Request approval",
    sent: "Request sent",
    approve: "Approve",
    approved: /is approved/,
  },
} as const;

describe("the admin consent workflow in Chromium: request, review, approval, sign-in to the portal", () => {
  let stack: Stack;
  let browser: Browser;
  let portalUrl: string;
  let tenantId: string;
  /** Where Emma starts each run: the invitation's sign-in first, the portal's client sign-in once linked. */
  const entries: string[] = [];
  let guideUrl = "";
  before(async () => {
    stack = await startStack(target!, { portal: true });
    const portal = stack.portal;
    assert.ok(portal);
    portalUrl = portal.url;
    const app = await findApplication(stack.identity.ctx.db, PORTAL_CLIENT_ID);
    assert.ok(app);
    for (const path of ["/YPN/authorize", "/auth/callback"])
      await addRedirectUri(stack.identity.ctx.db, app.id, `${portalUrl}${path}`, "web");
    await seedPortalDemo(portal.ctx);
    const tenant = await tenantOfDomain(stack.identity.ctx.db, "boulangerie-martin.fr");
    assert.ok(tenant);
    tenantId = tenant.id;
    await setConsentRequestPolicy(stack.identity.ctx, { id: null, name: "test", source: "test" }, tenant, {
      isEnabled: true,
      notifyReviewers: true,
      remindersEnabled: false,
      requestDurationInDays: 7,
      reviewers: [roleReviewer(ROLES.globalAdministrator)],
    });
    // The firm invites Emma: her first sign-in goes through the guide's link.
    const firm = await portal.ctx.db
      .selectFrom("firm")
      .selectAll()
      .where("code", "=", "YPN")
      .executeTakeFirstOrThrow();
    const contact = await portal.ctx.db
      .selectFrom("contact")
      .selectAll()
      .where("email_normalized", "=", emma.email)
      .executeTakeFirstOrThrow();
    await sendInvitation(portal.ctx, { firm, staff: { email: "yves.prigent@ypn-expertise.fr" } }, contact);
    const invitation = await latestMail(stack.identity, emma.email, { subject: /vous invite|invites you/ });
    const guide = /https:\/\/\S+\/YPN\/guide\/[\w-]+/.exec(invitation.text)?.[0];
    assert.ok(guide, invitation.text);
    guideUrl = guide;
    entries.push(`${guide}/signin`, `${portalUrl}/YPN/signin/client`);
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

  async function signIn(page: Page, locale: "fr" | "en", who: { email: string; password: string }) {
    const w = words[locale];
    const email = page.getByLabel(w.email);
    const password = page.getByLabel(w.password, { exact: true });
    await email.or(password).first().waitFor();
    if (await email.isVisible()) {
      await email.fill(who.email);
      await page.getByRole("button", { name: w.next }).click();
    }
    await password.fill(who.password);
    await page.getByRole("button", { name: w.signin }).click();
    await page.getByRole("button", { name: w.no, exact: true }).click();
  }

  for (const locale of ["en", "fr"] as const)
    it(`(${locale}) a plain user requests approval, the Global Administrator approves, the user signs in`, async () => {
      const w = words[locale];
      const person = await newContext(browser, locale);
      const page = await person.newPage();
      const entry = entries.shift() ?? "";
      if (entry.startsWith(guideUrl)) {
        // The portal's guide says what Microsoft's page offers and what happens next, in the language
        // Emma chose as a contact (French), whatever her browser's.
        await page.goto(guideUrl);
        await page
          .getByRole("heading", { name: "Votre organisation accepte les demandes d'approbation ?" })
          .waitFor();
        await check(page, `consent-request-${locale}-guide`);
        await page.getByRole("link", { name: "Se connecter et demander l'approbation" }).click();
      } else await page.goto(entry);
      await signIn(page, locale, emma);
      await page.getByRole("heading", { name: w.needApproval }).waitFor();
      await page.getByLabel(w.reason).fill("Je dois déposer les factures du mois chez le cabinet.");
      await check(page, `consent-request-${locale}-ask`);
      await page.getByRole("button", { name: w.request, exact: true }).click();
      await page.getByRole("heading", { name: w.sent }).waitFor();
      await check(page, `consent-request-${locale}-sent`);
      if (entry.startsWith(guideUrl)) {
        // Back on the guide, the person tells the firm; the firm's contact page shows it.
        await page.goto(guideUrl);
        await page.getByRole("button", { name: "J'ai envoyé la demande depuis la page Microsoft" }).click();
        await page.getByText("Demande notée").waitFor();
        const contact = await stack.portal?.ctx.db
          .selectFrom("contact")
          .select("approval_requested_at")
          .where("email_normalized", "=", emma.email)
          .executeTakeFirstOrThrow();
        assert.ok(contact?.approval_requested_at);
      }

      const mail = await latestMail(stack.identity, sophie.email, {
        subject: /Demande de consentement|Consent request/,
      });
      assert.match(mail.text, /déposer les factures/);
      const link = /https:\/\/\S+\/admin\/consent-requests\/[\w-]+/.exec(mail.text)?.[0] ?? "";
      assert.ok(link, mail.text);
      const reviewer = await newContext(browser, locale);
      const admin = await reviewer.newPage();
      await admin.goto(link);
      await signIn(admin, locale, sophie);
      const approve = admin.getByRole("button", { name: w.approve, exact: true });
      await approve.waitFor();
      await check(admin, `consent-request-${locale}-review`);
      await approve.click();
      await admin.getByRole("status").waitFor();
      assert.equal(await admin.getByRole("button", { name: w.approve, exact: true }).count(), 0);

      const told = await latestMail(stack.identity, emma.email, { subject: w.approved });
      assert.match(told.text, /Sophie|sophie/);
      await page.goto(entry);
      // The portal speaks the language Emma chose as a contact (French), whatever her browser's.
      await page
        .getByRole("heading", { name: /Bonjour/ })
        .waitFor({ timeout: 15_000 })
        .catch(async () => assert.fail(`${page.url()}: ${(await page.textContent("main")) ?? ""}`));
      await check(page, `consent-request-${locale}-portal`);
      await person.close();
      await reviewer.close();
      // The next language starts again from an organization that has not approved the portal.
      await revokeApplicationAccess(
        stack.identity.ctx,
        { id: null, name: "test", source: "test" },
        tenantId,
        PORTAL_CLIENT_ID,
      );
    });
});
