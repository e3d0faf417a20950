import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact, linkDossier } from "@sesame/portal/contacts/contact-queries";
import { insertEvent } from "@sesame/portal/documents/document-queries";
import {
  type DocumentWorld,
  seedDocumentWorld,
  tinyPdf,
} from "@sesame/portal/documents/document-test-support";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser, BrowserContext } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext, screenshot } from "./support/chromium";
import { latestMail, type Stack, startStack } from "./support/servers";

const [target] = await testTargets();
const MB = 1024 * 1024;

const words = {
  fr: {
    choose: "Fichiers à déposer dans « Pièces comptables »",
    send: "Envoyer",
    getCode: "Recevoir un code",
    codeLabel: "Code reçu par e-mail (6 chiffres)",
    check: "Valider le code",
    codeSubject: /Votre code de dépôt/,
    next: "Créer mon accès au portail",
  },
  en: {
    choose: "Files to upload to “Pièces comptables”",
    send: "Upload",
    getCode: "Get a code",
    codeLabel: "Code received by e-mail (6 digits)",
    check: "Check the code",
    codeSubject: /Your upload code/,
    next: "Create my portal access",
  },
} as const;

describe("uploads in Chromium: a resumed tus upload, the zero-account upload link", () => {
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

  const signedIn = async (locale: "fr" | "en", kind: "staff" | "contact"): Promise<BrowserContext> => {
    const portal = stack.portal!;
    const token = await createSession(portal.ctx.db, {
      kind,
      firmId: w.firm.id,
      subjectId: kind === "staff" ? w.admin.id : w.uploaderA,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: "00000000-0000-0000-0000-000000000002",
      name: kind,
      idToken: "",
    });
    const context = await newContext(browser, locale);
    await context.addCookies([
      { name: "__Host-portal_session", value: token, url: portal.url, secure: true },
    ]);
    return context;
  };

  for (const locale of ["fr", "en"] as const) {
    it(`(${locale}) a large upload cut mid-way resumes from the server's offset and becomes one document`, async () => {
      const portal = stack.portal!;
      const context = await signedIn(locale, "contact");
      const page = await context.newPage();
      await page.goto(`${portal.url}/_lang?to=${locale}&back=/YPN/dossiers/${w.dossierA}/documents`);
      await page.waitForURL(/\/documents$/);
      const patches: string[] = [];
      let cut = false;
      // The second chunk's request dies on the way, as a dropped connection would.
      await page.route("**/documents/tus/*", async (route) => {
        const request = route.request();
        if (request.method() === "PATCH") {
          const offset = request.headers()["upload-offset"] ?? "?";
          patches.push(offset);
          if (!cut && offset !== "0") {
            cut = true;
            return route.abort("connectionreset");
          }
        }
        return route.continue();
      });
      const name = `grand-livre-${locale}.pdf`;
      const content = Buffer.concat([tinyPdf("Grand livre"), Buffer.alloc(12 * MB, 32)]);
      // A file on disk: Chromium reads it itself (12 MB through the protocol would be slow).
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sesame-tus-")), name);
      fs.writeFileSync(file, content);
      await page.getByLabel(words[locale].choose).setInputFiles(file);
      await page
        .locator("form.upload")
        .first()
        .getByRole("button", { name: words[locale].send, exact: true })
        .click();
      await page.locator("form.upload .progress li.done").first().waitFor({ timeout: 60_000 });
      console.log(`screenshot: ${await screenshot(page, `tus-resumed-${locale}`)}`);
      assert.ok(cut, "a chunk was cut");
      // 0, 5 MB (cut), 5 MB again (resumed where the server stopped, not from 0), 10 MB.
      assert.deepEqual(patches, ["0", String(5 * MB), String(5 * MB), String(10 * MB)]);
      const docs = await portal.ctx.db
        .selectFrom("document")
        .innerJoin("document_version", "document_version.document_id", "document.id")
        .select(["document.name", "document_version.size"])
        .where("document.name", "=", name)
        .execute();
      assert.deepEqual(docs, [{ name, size: content.length }], "one document, whole");
      await page.unroute("**/documents/tus/*");
      await page.locator("form.upload a.refresh").first().click();
      await page.getByRole("link", { name }).waitFor();
      await expectNoAxeViolations(page, `tus ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `tus-listed-${locale}`)}`);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      await context.close();
    });
  }

  for (const locale of ["fr", "en"] as const) {
    it(`(${locale}) the zero-account upload link: staff send it, the code opens it, the file lands, the guide follows`, async () => {
      const portal = stack.portal!;
      const email = `sans-compte-${locale}@client-a.example`;
      const contact = await insertContact(portal.ctx.db, w.firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: `Sans compte ${locale}`,
        email,
        phone: null,
        language: locale,
      });
      await linkDossier(portal.ctx.db, contact.id, {
        dossierId: w.dossierA,
        read: true,
        upload: true,
        approve: false,
      });
      const staffContext = await signedIn("fr", "staff");
      const staff = await staffContext.newPage();
      await staff.goto(`${portal.url}/YPN/dossiers/${w.dossierA}/documents`);
      await staff.getByRole("link", { name: "Envoyer un lien de dépôt sans compte" }).click();
      await staff
        .getByLabel("Interlocuteur")
        .selectOption({ label: `Paul Sans compte ${locale} · ${email}` });
      await staff.getByLabel("Classement").selectOption({ label: "Pièces comptables" });
      await staff.getByRole("button", { name: "Envoyer le lien" }).click();
      await staff.getByText("Le lien de dépôt a été envoyé.").waitFor();
      await expectNoAxeViolations(staff, "upload links staff");
      console.log(`screenshot: ${await screenshot(staff, `upload-link-staff-${locale}`)}`);
      const invitation = await latestMail(stack.identity, email);
      const link = /https:\/\/\S+\/YPN\/depot\/[\w-]+/.exec(invitation.text)?.[0];
      assert.ok(link, invitation.text);

      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await page.goto(link);
      await expectNoAxeViolations(page, `depot code ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `upload-link-code-${locale}`)}`);
      await page.getByRole("button", { name: words[locale].getCode }).click();
      const codeMail = await latestMail(stack.identity, email, { subject: words[locale].codeSubject });
      const code = /(\d{6})/.exec(codeMail.text)?.[1] ?? "";
      await page.getByLabel(words[locale].codeLabel).fill(code);
      await page.getByRole("button", { name: words[locale].check }).click();
      const name = `releve-${locale}.pdf`;
      await page
        .getByLabel(/Pièces comptables/)
        .setInputFiles([{ name, mimeType: "application/pdf", buffer: tinyPdf("Releve") }]);
      await page.getByRole("button", { name: words[locale].send, exact: true }).click();
      await page.locator("form.upload .progress li.done").waitFor();
      await page.locator("form.upload a.refresh").click();
      await page.getByText(`${name} · v1`).waitFor();
      await expectNoAxeViolations(page, `depot upload ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `upload-link-sent-${locale}`)}`);
      await page.setViewportSize({ width: 390, height: 844 });
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll("main *"))
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName}.${e.className}`),
      );
      assert.deepEqual(wide, [], "nothing wider than a phone");
      console.log(`screenshot: ${await screenshot(page, `upload-link-phone-${locale}`)}`);

      // The staff see the file under the address it came from.
      await staff.goto(`${portal.url}/YPN/dossiers/${w.dossierA}/documents`);
      await staff.getByText(new RegExp(`${email} a déposé « ${name} »`)).waitFor();

      // Fourteen days later the link only leads to the onboarding guide.
      await portal.ctx.db
        .updateTable("upload_link")
        .set({ expires_at: Date.now() - 1 })
        .where("email", "=", email)
        .execute();
      await page.goto(link);
      await expectNoAxeViolations(page, `depot expired ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `upload-link-expired-${locale}`)}`);
      await page.getByRole("button", { name: words[locale].next }).click();
      await page.waitForURL(/\/YPN\/guide\//);
      console.log(`screenshot: ${await screenshot(page, `upload-link-guide-${locale}`)}`);
      await context.close();
      await staffContext.close();
    });
  }

  for (const locale of ["fr", "en"] as const) {
    it(`(${locale}) the dossier's activity, filtered by person, with its CSV export`, async () => {
      const portal = stack.portal!;
      // The client's own line, whatever ran before (a download from another address).
      await insertEvent(portal.ctx.db, {
        firm_id: w.firm.id,
        dossier_id: w.dossierA,
        document_id: "seed",
        document_name: `bilan-${locale}.pdf`,
        version_number: 1,
        action: "downloaded",
        actor: "claire@client-a.example",
        ip: "203.0.113.7",
      });
      const context = await signedIn(locale, "staff");
      const page = await context.newPage();
      await page.goto(`${portal.url}/_lang?to=${locale}&back=/YPN/dossiers/${w.dossierA}/activity`);
      await page.waitForURL(/\/activity$/);
      await page.getByLabel(locale === "fr" ? "Personne" : "Person").selectOption("claire@client-a.example");
      await page.getByRole("button", { name: locale === "fr" ? "Filtrer" : "Filter" }).click();
      await page.waitForURL(/person=claire/);
      assert.ok((await page.locator("table.trail tbody tr").count()) > 0);
      await expectNoAxeViolations(page, `activity ${locale}`);
      console.log(`screenshot: ${await screenshot(page, `activity-${locale}`)}`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page
          .getByRole("link", {
            name:
              locale === "fr" ? "Exporter en CSV (avec ces filtres)" : "Export as CSV (with these filters)",
          })
          .click(),
      ]);
      const csv = fs.readFileSync(await download.path(), "utf8");
      assert.ok(csv.startsWith("\uFEFF"), "BOM for spreadsheets");
      assert.match(csv, /claire@client-a\.example/);
      assert.match(csv, /203\.0\.113\.7/);
      assert.doesNotMatch(csv, /sans-compte/);
      await page.setViewportSize({ width: 390, height: 844 });
      console.log(`screenshot: ${await screenshot(page, `activity-phone-${locale}`)}`);
      await context.close();
    });
  }
});
