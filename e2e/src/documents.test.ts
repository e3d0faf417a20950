import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  type DocumentWorld,
  seedDocumentWorld,
  tinyPdf,
  tinyPng,
} from "@sesame/portal/documents/document-test-support";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { type Stack, startStack } from "./support/servers";

const [target] = await testTargets();

const words = {
  fr: { choose: "Fichiers à déposer dans « Pièces comptables »", send: "Envoyer", preview: "Aperçu" },
  en: { choose: "Files to upload to “Pièces comptables”", send: "Upload", preview: "Preview" },
} as const;

describe("documents in Chromium: several files with progress, PDF preview in the page", () => {
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

  for (const [who, locale] of [
    ["accountant", "fr"],
    ["client", "en"],
    ["accountant", "en"],
    ["client", "fr"],
  ] as const) {
    it(`as the ${who} (${locale}): uploads three files with a progress bar each, then previews the PDF`, async () => {
      const portal = stack.portal!;
      const token = await createSession(portal.ctx.db, {
        kind: who === "accountant" ? "staff" : "contact",
        firmId: w.firm.id,
        subjectId: who === "accountant" ? w.admin.id : w.uploaderA,
        tid: "00000000-0000-0000-0000-000000000001",
        oid: "00000000-0000-0000-0000-000000000002",
        name: who,
        idToken: "",
      });
      const context = await newContext(browser, locale);
      await context.addCookies([
        { name: "__Host-portal_session", value: token, url: portal.url, secure: true },
      ]);
      const page = await context.newPage();
      await page.goto(`${portal.url}/_lang?to=${locale}&back=/YPN/dossiers/${w.dossierA}/documents`);
      await page.waitForURL(/\/documents$/);
      await expectNoAxeViolations(page, `documents ${who} ${locale}`);
      const tag = `${who}-${locale}`;
      await page.getByLabel(words[locale].choose).setInputFiles([
        { name: `bilan-${tag}.pdf`, mimeType: "application/pdf", buffer: tinyPdf(`Bilan ${tag}`) },
        { name: `ticket-${tag}.png`, mimeType: "image/png", buffer: tinyPng },
        {
          name: `grand-livre-${tag}.pdf`,
          mimeType: "application/pdf",
          buffer: Buffer.concat([tinyPdf("Grand livre"), Buffer.alloc(3 * 1024 * 1024, 32)]),
        },
      ]);
      const form = page.locator("form.upload").first();
      await form.getByRole("button", { name: words[locale].send, exact: true }).click();
      console.log(`screenshot: ${await screenshot(page, `documents-sent-${tag}`)}`);
      const progress = page.locator("form.upload .progress li");
      await assert.doesNotReject(progress.nth(2).waitFor());
      await page.locator("form.upload .progress li.done").nth(2).waitFor();
      const bars = await page
        .locator("form.upload .progress progress")
        .evaluateAll((els) => els.map((e) => (e as HTMLProgressElement).value));
      assert.deepEqual(bars, [100, 100, 100]);
      console.log(`screenshot: ${await screenshot(page, `documents-progress-${tag}`)}`);
      await form.locator("a.refresh").click();
      await page.getByRole("link", { name: `bilan-${tag}.pdf` }).waitFor();
      const row = page.locator("li.doc", { hasText: `bilan-${tag}.pdf` });
      await row.getByRole("link", { name: words[locale].preview }).click();
      await page.locator("#viewer[data-rendered]").waitFor();
      const painted = await page.locator("#viewer canvas").evaluate((c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128 && (data[i + 3] ?? 0) > 0) dark++;
        return dark;
      });
      assert.ok(painted > 50, "the PDF's text is drawn on the canvas");
      await expectNoAxeViolations(page, `preview ${who} ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `documents-preview-${tag}`)}`);
      // On a phone: nothing of the documents (the page's main part) reaches past the screen's width.
      // (The shared header's links are the layout's, outside this feature.)
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      console.log(`screenshot: ${await screenshot(page, `documents-phone-${tag}`)}`);
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll("main *"))
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName}.${e.className}`),
      );
      assert.deepEqual(wide, [], "no part of the documents is wider than a phone");
      await context.close();
    });
  }
});
