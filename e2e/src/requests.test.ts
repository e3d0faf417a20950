import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  type DocumentWorld,
  seedDocumentWorld,
  tinyPdf,
} from "@sesame/portal/documents/document-test-support";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

const words = {
  fr: {
    template: "Modèle",
    due: "À rendre le",
    create: "Créer la demande",
    items: [
      "Factures de ventes du trimestre",
      "Factures d'achats du trimestre",
      "Relevés bancaires du trimestre",
    ],
    file: (l: string) => `Fichier pour « ${l} »`,
    upload: "Déposer le fichier",
    comment: (l: string) => `Commentaire pour « ${l} »`,
    sendComment: "Envoyer le commentaire",
    na: (l: string) => `Pourquoi « ${l} » ne s'applique pas`,
    sendNa: "Indiquer « sans objet »",
    accept: (l: string) => `Accepter « ${l} »`,
    reason: (l: string) => `Motif du refus de « ${l} »`,
    reject: "Refuser",
    rejected: "Refusé par le cabinet : Il faut les factures, pas un commentaire.",
    complete: "3 sur 3 acceptés · Demande complète",
    expects: "Ce que le cabinet attend de vous",
  },
  en: {
    template: "Template",
    due: "Due on",
    create: "Create the request",
    items: [
      "Sales invoices for the quarter",
      "Purchase invoices for the quarter",
      "Bank statements for the quarter",
    ],
    file: (l: string) => `File for “${l}”`,
    upload: "Upload the file",
    comment: (l: string) => `Comment on “${l}”`,
    sendComment: "Send the comment",
    na: (l: string) => `Why “${l}” does not apply`,
    sendNa: "Mark as not applicable",
    accept: (l: string) => `Accept “${l}”`,
    reason: (l: string) => `Reason for rejecting “${l}”`,
    reject: "Reject",
    rejected: "Rejected by the firm: Il faut les factures, pas un commentaire.",
    complete: "3 of 3 accepted · Request complete",
    expects: "What the firm expects from you",
  },
} as const;

describe("requests in Chromium: a list answered, one answer rejected, answered again, complete; the client's home on a phone", () => {
  let stack: Stack;
  let browser: Browser;
  let w: DocumentWorld;
  before(async () => {
    stack = await startStack(target!, { portal: true });
    assert.ok(stack.portal);
    w = await seedDocumentWorld(stack.portal.ctx);
    browser = await launchChromium(stack.serverCert);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const signedIn = async (who: "staff" | "contact", locale: "fr" | "en"): Promise<[BrowserContext, Page]> => {
    const portal = stack.portal!;
    const token = await createSession(portal.ctx.db, {
      kind: who,
      firmId: w.firm.id,
      subjectId: who === "staff" ? w.admin.id : w.uploaderA,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: who === "staff" ? "00000000-0000-0000-0000-000000000002" : "00000000-0000-0000-0000-000000000003",
      name: who,
      idToken: "",
    });
    const context = await newContext(browser, locale);
    await context.addCookies([
      { name: "__Host-portal_session", value: token, url: portal.url, secure: true },
    ]);
    const page = await context.newPage();
    await page.goto(`${portal.url}/_lang?to=${locale}&back=/YPN/espace`);
    return [context, page];
  };

  for (const locale of ["fr", "en"] as const) {
    it(`(${locale}) the accountant asks, the client answers, one answer is rejected and answered again, the list is complete`, async () => {
      const t = words[locale];
      const portal = stack.portal!;
      const [staffContext, staff] = await signedIn("staff", locale);
      const [clientContext, client] = await signedIn("contact", locale);
      const item = (page: Page, label: string) =>
        page.locator("li.request-item", { has: page.getByRole("heading", { name: label, exact: true }) });
      const [sales, purchases, bank] = t.items;

      await staff.goto(`${portal.url}/YPN/dossiers/${w.dossierA}/demandes`);
      await expectNoAxeViolations(staff, `requests ${locale}`);
      await staff.getByLabel(t.template, { exact: true }).selectOption("vat");
      await staff.getByLabel(t.due, { exact: true }).fill("2026-12-31");
      await staff.getByRole("button", { name: t.create }).click();
      await staff.waitForURL(/\/demandes\/[0-9a-f-]{36}/);
      const listUrl = staff.url();
      console.log(`screenshot: ${await screenshot(staff, `requests-created-${locale}`)}`);

      await client.goto(listUrl);
      await expectNoAxeViolations(client, `request list client ${locale}`);
      console.log(`screenshot: ${await screenshot(client, `requests-client-open-${locale}`)}`);
      await client.getByLabel(t.file(sales)).setInputFiles({
        name: `ventes-${locale}.pdf`,
        mimeType: "application/pdf",
        buffer: tinyPdf("Ventes"),
      });
      await item(client, sales).getByRole("button", { name: t.upload }).click();
      await client.getByLabel(t.comment(purchases)).fill("Je les envoie par courrier.");
      await item(client, purchases).getByRole("button", { name: t.sendComment }).click();
      await client.getByLabel(t.na(bank)).fill("Pas de compte bancaire ce trimestre.");
      await item(client, bank).getByRole("button", { name: t.sendNa }).click();
      await client.getByRole("link", { name: `ventes-${locale}.pdf` }).waitFor();
      console.log(`screenshot: ${await screenshot(client, `requests-client-answered-${locale}`)}`);

      await staff.reload();
      await staff.getByRole("button", { name: t.accept(sales) }).click();
      await staff.getByRole("button", { name: t.accept(bank) }).click();
      await staff.getByLabel(t.reason(purchases)).fill("Il faut les factures, pas un commentaire.");
      await item(staff, purchases).getByRole("button", { name: t.reject }).click();
      await staff.getByText(/2 (sur|of) 3/).waitFor();
      await expectNoAxeViolations(staff, `request review ${locale}`);
      console.log(`screenshot: ${await screenshot(staff, `requests-reviewed-${locale}`)}`);

      await client.reload();
      await client.getByText(t.rejected).waitFor();
      console.log(`screenshot: ${await screenshot(client, `requests-client-rejected-${locale}`)}`);
      await client.getByLabel(t.file(purchases)).setInputFiles({
        name: `achats-${locale}.pdf`,
        mimeType: "application/pdf",
        buffer: tinyPdf("Achats"),
      });
      await item(client, purchases).getByRole("button", { name: t.upload }).click();
      await client.getByRole("link", { name: `achats-${locale}.pdf` }).waitFor();

      await staff.reload();
      await staff.getByRole("button", { name: t.accept(purchases) }).click();
      await staff.getByText(t.complete).waitFor();
      await expectNoAxeViolations(staff, `request complete ${locale}`);
      console.log(`screenshot: ${await screenshot(staff, `requests-complete-${locale}`)}`);
      await client.reload();
      await client.getByText(t.complete).waitFor();
      await staffContext.close();
      await clientContext.close();
    });

    it(`(${locale}) the client's home on a 390×844 phone: what is expected first, no sideways scrolling`, async () => {
      const t = words[locale];
      const portal = stack.portal!;
      // Something still expected: a list for dossier A made by the accountant.
      const [staffContext, staff] = await signedIn("staff", locale);
      await staff.goto(`${portal.url}/YPN/dossiers/${w.dossierA}/demandes`);
      await staff.getByLabel(t.template, { exact: true }).selectOption("year-end");
      await staff.getByLabel(t.due, { exact: true }).fill("2026-01-15");
      await staff.getByRole("button", { name: t.create }).click();
      await staff.waitForURL(/\/demandes\/[0-9a-f-]{36}/);
      await staffContext.close();

      const [context, page] = await signedIn("contact", locale);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${portal.url}/YPN/espace`);
      await page.getByRole("heading", { name: t.expects }).waitFor();
      await expectNoAxeViolations(page, `client home phone ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `client-home-phone-${locale}`)}`);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(sideways <= 0, `the page scrolls ${sideways}px sideways`);
      await context.close();
    });

    it(`(${locale}) the accountant's home and the firm's request settings`, async () => {
      const portal = stack.portal!;
      const [context, page] = await signedIn("staff", locale);
      await page.goto(`${portal.url}/YPN/accueil`);
      await page.getByRole("link", { name: "Boulangerie A" }).waitFor();
      await expectNoAxeViolations(page, `firm home ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `firm-home-${locale}`)}`);
      await page.goto(`${portal.url}/YPN/demandes/modeles`);
      await expectNoAxeViolations(page, `request settings ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `request-settings-${locale}`)}`);
      await context.close();
    });
  }
});
