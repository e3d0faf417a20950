import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact, linkDossier } from "@sesame/portal/contacts/contact-queries";
import { insertDossier } from "@sesame/portal/dossiers/dossier-queries";
import { insertFirm, insertStaff } from "@sesame/portal/firms/firm-queries";
import { sendInvitation } from "@sesame/portal/invitations/invitation-operations";
import { rewriteInvitations } from "@sesame/portal/invitations/invitation-test-support";
import { type RunningPortal, startPortal } from "@sesame/portal/main";
import { loadPortalConfig } from "@sesame/portal/service/portal-config";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, screenshot } from "./support/chromium";

const [target] = await testTargets();

describe("the onboarding dashboard in Chromium: FR and EN, desktop and a 390 px phone, axe-core clean", () => {
  let portal: RunningPortal;
  let browser: Browser;
  let session = "";
  let dataDir = "";
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-dashboard-"));
    portal = await startPortal(
      loadPortalConfig({
        SESAME_DATA_DIR: dataDir,
        SESAME_LOG_LEVEL: "silent",
        DATABASE_URL: await target!.freshUrl(),
        SESAME_PORTAL_PORT: "0",
        SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
      }),
    );
    const { db } = portal.ctx;
    const firm = await insertFirm(db, { code: "YPN", name: "Cabinet YPN Expertise" });
    const admin = await insertStaff(db, {
      firmId: firm.id,
      email: "anne@ypn.example",
      displayName: "Anne Admin",
      role: "admin",
      expectedTenant: "ypn.example",
    });
    const base = { siret: null, address: "1 rue de la Paix, 75002 Paris", status: "onboarding" as const };
    const dossier = await insertDossier(db, firm.id, {
      ...base,
      name: "Boulangerie Martin SARL",
      siren: "732829320",
      accountantId: admin.id,
    });
    const states = [
      {},
      { readiness_kind: "none" as const },
      {
        readiness_kind: "work" as const,
        readiness_consent: "pending",
        readiness_domain: "boulangerie-martin.fr",
      },
      { tid: "t", oid: "o" },
    ];
    for (const [i, patch] of states.entries()) {
      const contact = await insertContact(db, firm.id, {
        civility: "mme",
        firstName: "Marie-Christine",
        lastName: `Vandenberghe-Lefebvre ${i}`,
        email: `marie-christine.vandenberghe${i}@boulangerie-martin-et-fils.fr`,
        phone: null,
        language: "fr",
      });
      await linkDossier(db, contact.id, { dossierId: dossier.id, read: true, upload: true, approve: true });
      if (Object.keys(patch).length > 0)
        await db.updateTable("contact").set(patch).where("id", "=", contact.id).execute();
      if (i > 0 && i < 3) {
        await sendInvitation(portal.ctx, { firm, staff: admin }, contact);
        await rewriteInvitations(db, { created_at: Date.now() - 9 * DAY_MS }, (q) =>
          q.where("contact_id", "=", contact.id),
        );
      }
    }
    session = await createSession(db, {
      kind: "staff",
      firmId: firm.id,
      subjectId: admin.id,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: admin.id,
      name: admin.display_name,
      idToken: "",
    });
    browser = await launchChromium(fs.readFileSync(path.join(dataDir, "tls", "server.pem"), "utf8"));
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(locale: "fr" | "en", width: number, url: string): Promise<Page> {
    const context = await browser.newContext({
      locale: locale === "fr" ? "fr-FR" : "en-GB",
      viewport: { width, height: width < 500 ? 844 : 900 },
    });
    await context.addCookies([{ name: "__Host-portal_session", value: session, url: portal.url }]);
    const page = await context.newPage();
    await page.goto(`${portal.url}${url}`);
    return page;
  }

  for (const locale of ["fr", "en"] as const) {
    for (const width of [1100, 390]) {
      it(`${locale}, ${width} px: the dashboard, the revoke confirmation, the reminders, import and activity pages`, async () => {
        const page = await open(locale, width, "/YPN/onboarding");
        assert.match(
          (await page.locator("h1").textContent()) ?? "",
          locale === "fr" ? /Suivi de l'embarquement/ : /Onboarding tracker/,
        );
        await expectNoAxeViolations(page, `dashboard ${locale} ${width}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
        const widest = await page.evaluate(
          (w) =>
            Array.from(document.querySelectorAll("body *"))
              .filter((e) => e.getBoundingClientRect().right > w)
              .slice(0, 5)
              .map((e) => `${e.tagName}.${e.className}`),
          width,
        );
        assert.ok(
          overflow <= width,
          `the page is ${overflow} px wide on a ${width} px screen: ${widest.join(", ")}`,
        );
        console.log(`screenshot: ${await screenshot(page, `dashboard-${locale}-${width}`)}`);
        await page.getByRole("checkbox").first().check();
        await page
          .getByRole("button", {
            name: locale === "fr" ? /Révoquer les invitations/ : /Revoke the selection/,
          })
          .click();
        await page.waitForURL(/\/YPN\/onboarding\/bulk/);
        await expectNoAxeViolations(page, `revoke confirmation ${locale} ${width}`);
        await page.goto(`${portal.url}/YPN/rappels`);
        await expectNoAxeViolations(page, `reminders ${locale} ${width}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= width, `the reminders page is ${wide} px wide on a ${width} px screen`);
        for (const other of ["/YPN/onboarding/import", "/YPN/journal"]) {
          await page.goto(`${portal.url}${other}`);
          await expectNoAxeViolations(page, `${other} ${locale} ${width}`);
          const across = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(across <= width, `${other} is ${across} px wide on a ${width} px screen`);
        }
        console.log(`screenshot: ${await screenshot(page, `journal-${locale}-${width}`)}`);
        await page.context().close();
      });
    }
  }
});
