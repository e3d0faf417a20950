import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { demoPersonalAccount } from "@sesame/identity/demo/demo-data";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import { testTargets } from "@sesame/kit/db/test-databases";
import { pdfText } from "@sesame/portal/approvals/approval-test-support";
import { bindContact, insertContact, linkDossier } from "@sesame/portal/contacts/contact-queries";
import { tinyPdf } from "@sesame/portal/documents/document-test-support";
import { insertDossier } from "@sesame/portal/dossiers/dossier-queries";
import type { Firm, Staff } from "@sesame/portal/firms/firm-queries";
import { createSession } from "@sesame/portal/sessions/session-store";
import { seedTestFirm } from "@sesame/portal/testing/portal-harness";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { identityWords } from "./support/identity-steps";
import { fetchInPage } from "./support/page-fetch";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

const CONSUMERS = "9188040d-6c67-4c5b-b112-36a304b66dad";

const words = {
  fr: {
    body: "Votre message",
    files: "Pièces jointes (facultatif)",
    send: "Envoyer le message",
    sent: "Message envoyé.",
    ask: "Demander l’approbation",
    reauth: "Me reconnecter pour décider",
    confirmed: /Identité confirmée à/,
    comment: "Commentaire (obligatoire pour un refus)",
    approve: "J’approuve ce document",
    decided: /Décision : Approuvé/,
    certificate: "Certificat d’approbation (PDF)",
    certTitle: "Certificat d’approbation",
  },
  en: {
    body: "Your message",
    files: "Attachments (optional)",
    send: "Send message",
    sent: "Message sent.",
    ask: "Ask for approval",
    reauth: "Sign in again to decide",
    confirmed: /Identity confirmed at/,
    comment: "Comment (required to refuse)",
    approve: "I approve this document",
    decided: /Decision: Approved/,
    certificate: "Approval certificate (PDF)",
    certTitle: "Approval certificate",
  },
} as const;

describe("messages and approvals in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  let firm: Firm;
  let admin: Staff;
  let dossier: string;
  let camille: string;
  let portalUrl: string;

  before(async () => {
    stack = await startStack(target!, { portal: true });
    const portal = stack.portal!;
    portalUrl = portal.url;
    const app = await findApplication(stack.identity.ctx.db, PORTAL_CLIENT_ID);
    assert.ok(app);
    for (const path of ["/YPN/authorize", "/auth/callback", "/auth/signed-out"])
      await addRedirectUri(stack.identity.ctx.db, app.id, `${portalUrl}${path}`, "web");
    ({ firm, admin } = await seedTestFirm(portal.ctx));
    dossier = (
      await insertDossier(portal.ctx.db, firm.id, {
        name: "Boulangerie Martin",
        siren: "812345676",
        siret: null,
        address: "1 rue du Port",
        accountantId: null,
        status: "active",
      })
    ).id;
    camille = (
      await insertContact(portal.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Camille",
        lastName: "Durand",
        email: demoPersonalAccount.email,
        phone: null,
        language: "fr",
      })
    ).id;
    const account = await stack.identity.ctx.db
      .selectFrom("account")
      .select("id")
      .where("email_normalized", "=", demoPersonalAccount.email)
      .executeTakeFirstOrThrow();
    assert.ok(await bindContact(portal.ctx.db, camille, CONSUMERS, account.id));
    await linkDossier(portal.ctx.db, camille, {
      dossierId: dossier,
      read: true,
      upload: true,
      approve: true,
    });
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function as(
    who: "accountant" | "client",
    locale: "fr" | "en",
  ): Promise<{ context: BrowserContext; page: Page }> {
    const portal = stack.portal!;
    const token = await createSession(portal.ctx.db, {
      kind: who === "accountant" ? "staff" : "contact",
      firmId: firm.id,
      subjectId: who === "accountant" ? admin.id : camille,
      tid: CONSUMERS,
      oid: who,
      name: who,
      idToken: "",
    });
    const context = await newContext(browser, locale);
    await context.addCookies([{ name: "__Host-portal_session", value: token, url: portalUrl, secure: true }]);
    const page = await context.newPage();
    return { context, page };
  }

  async function check(page: Page, name: string) {
    await expectNoAxeViolations(page, name);
    console.log(`screenshot: ${await screenshot(page, name)}`);
  }

  async function noSidewaysScroll(page: Page, name: string) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await check(page, `${name}-phone`);
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main *"))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => `${e.tagName}.${e.className}`),
    );
    assert.deepEqual(wide, [], `${name}: nothing of the page is wider than a phone`);
  }

  for (const [who, locale] of [
    ["client", "fr"],
    ["accountant", "en"],
  ] as const) {
    it(`as the ${who} (${locale}): a message with an attachment, read by the other side`, async () => {
      const w = words[locale];
      const { context, page } = await as(who, locale);
      await page.goto(`${portalUrl}/_lang?to=${locale}&back=/YPN/dossiers/${dossier}/messages`);
      await page.waitForURL(/\/messages$/);
      await check(page, `messages-empty-${who}-${locale}`);
      await page.getByLabel(w.body).fill(`Bonjour, voici le relevé (${who}).\nCordialement`);
      await page
        .getByLabel(w.files)
        .setInputFiles([
          { name: `releve-${who}.pdf`, mimeType: "application/pdf", buffer: tinyPdf(`Releve ${who}`) },
        ]);
      await page.getByRole("button", { name: w.send }).click();
      await page.getByRole("status").filter({ hasText: w.sent }).waitFor();
      const link = page.getByRole("link", { name: `releve-${who}.pdf` });
      await link.waitFor();
      await check(page, `messages-sent-${who}-${locale}`);
      const download = await fetchInPage(page, String(await link.getAttribute("href")));
      assert.equal(download.status, 200);
      assert.ok(download.body.equals(tinyPdf(`Releve ${who}`)));
      await noSidewaysScroll(page, `messages-${who}-${locale}`);
      await context.close();
      // The other side sees it in the thread.
      const other = await as(who === "client" ? "accountant" : "client", locale);
      await other.page.goto(`${portalUrl}/_lang?to=${locale}&back=/YPN/dossiers/${dossier}/messages`);
      await other.page.getByText(`Bonjour, voici le relevé (${who}).`).waitFor();
      await other.page.getByRole("link", { name: `releve-${who}.pdf` }).waitFor();
      await other.context.close();
    });
  }

  for (const locale of ["fr", "en"] as const) {
    it(`an approval with a forced fresh sign-in at identity and its certificate (${locale})`, async () => {
      const w = words[locale];
      const staff = await as("accountant", locale);
      await staff.page.goto(`${portalUrl}/_lang?to=${locale}&back=/YPN/dossiers/${dossier}/approvals`);
      await staff.page.waitForURL(/\/approvals$/);
      await check(staff.page, `approvals-ask-${locale}`);
      await staff.page.getByRole("button", { name: w.ask }).click();
      await staff.page.waitForURL(/\/approvals\/[^/]+$/);
      const approvalUrl = staff.page.url();
      await check(staff.page, `approval-pending-staff-${locale}`);
      await staff.context.close();

      const client = await as("client", locale);
      const page = client.page;
      // Signed in at identity already: the re-authentication must still ask for the password.
      await page.goto(`${stack.identity.url}/login`);
      await signInAtIdentity(page, locale, { expectPassword: true, backTo: stack.identity.url });
      await page.goto(`${portalUrl}/_lang?to=${locale}&back=${new URL(approvalUrl).pathname}`);
      await page.getByRole("button", { name: w.reauth }).waitFor();
      await check(page, `approval-reauth-${locale}`);
      await page.getByRole("button", { name: w.reauth }).click();
      await page.waitForURL((u) => u.origin === stack.identity.url);
      await signInAtIdentity(page, locale, { expectPassword: true, backTo: portalUrl });
      await page.getByText(w.confirmed).waitFor();
      await check(page, `approval-confirmed-${locale}`);
      await page.getByLabel(w.comment).fill("Bon pour accord");
      await page.getByRole("button", { name: w.approve }).click();
      await page.getByText(w.decided).waitFor();
      await check(page, `approval-decided-${locale}`);
      const href = await page.getByRole("link", { name: w.certificate }).getAttribute("href");
      const pdf = await fetchInPage(page, String(href));
      assert.equal(pdf.status, 200);
      assert.equal(pdf.type, "application/pdf");
      const text = (await pdfText(pdf.body)).replace(/\n/g, "");
      for (const expected of [
        w.certTitle,
        "Boulangerie Martin",
        "Bon pour accord",
        CONSUMERS,
        "Camille Durand",
      ])
        assert.ok(text.includes(expected), `the certificate shows ${expected}: ${text}`);
      const row = await stack
        .portal!.ctx.db.selectFrom("approval")
        .selectAll()
        .where("id", "=", approvalUrl.split("/").pop() ?? "")
        .executeTakeFirstOrThrow();
      assert.ok(text.includes(row.sha256));
      assert.ok(row.signer_user_agent?.includes("Chrome"), "the browser's user agent is recorded");
      await noSidewaysScroll(page, `approval-decided-${locale}`);
      await client.context.close();
    });
  }

  /** At identity: email (prefilled or typed), password, "Stay signed in?" No, consent Accept, until `backTo`. */
  async function signInAtIdentity(
    page: Page,
    locale: "fr" | "en",
    options: { expectPassword: boolean; backTo: string },
  ) {
    const w = identityWords[locale];
    let typedPassword = false;
    for (let step = 0; step < 8; step++) {
      const email = page.getByLabel(w.email);
      const password = page.getByLabel(w.password, { exact: true });
      const no = page.getByRole("button", { name: w.no, exact: true });
      const accept = page.getByRole("button", { name: w.accept, exact: true });
      await email
        .or(password)
        .or(no)
        .or(accept)
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {});
      if (
        page.url().startsWith(options.backTo) &&
        !(await email.or(password).or(no).or(accept).first().isVisible())
      )
        break;
      if (await password.isVisible()) {
        if (step > 0) console.log(`screenshot: ${await screenshot(page, `identity-password-${locale}`)}`);
        await password.fill(demoPersonalAccount.password);
        typedPassword = true;
        await page.getByRole("button", { name: w.signin }).click();
      } else if (await email.isVisible()) {
        await email.fill(demoPersonalAccount.email);
        await page.getByRole("button", { name: w.next }).click();
      } else if (await no.isVisible()) await no.click();
      else if (await accept.isVisible()) await accept.click();
      await page.waitForLoadState("load");
    }
    assert.equal(typedPassword, options.expectPassword, "identity asked for the password");
  }
});
