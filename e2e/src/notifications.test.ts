import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { matchContact } from "@sesame/portal/auth/match-person";
import { recordConsent } from "@sesame/portal/consent/consent-operations";
import { insertContact, linkDossier } from "@sesame/portal/contacts/contact-queries";
import { insertDossier } from "@sesame/portal/dossiers/dossier-queries";
import { insertFirm, insertStaff } from "@sesame/portal/firms/firm-queries";
import { recordApprovalRequested } from "@sesame/portal/invitations/invitation-operations";
import { createInvitation } from "@sesame/portal/invitations/invitation-queries";
import { type RunningPortal, startPortal } from "@sesame/portal/main";
import { loadPortalConfig } from "@sesame/portal/service/portal-config";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, screenshot } from "./support/chromium";

const [target] = await testTargets();
const tenant = "cccccccc-0000-4000-8000-00000000000c";

describe("the staff's notifications in Chromium: FR and EN, desktop and a 390 px phone, axe-core clean", () => {
  let portal: RunningPortal;
  let browser: Browser;
  let session = "";
  let dataDir = "";
  let firstContactId = "";
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-notifications-"));
    portal = await startPortal(
      loadPortalConfig({
        SESAME_DATA_DIR: dataDir,
        SESAME_LOG_LEVEL: "silent",
        DATABASE_URL: await target!.freshUrl(),
        SESAME_PORTAL_PORT: "0",
        SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
      }),
    );
    const { ctx } = portal;
    const firm = await insertFirm(ctx.db, { code: "YPN", name: "Cabinet YPN Expertise" });
    await insertStaff(ctx.db, {
      firmId: firm.id,
      email: "anne@ypn.example",
      displayName: "Anne Admin",
      role: "admin",
      expectedTenant: "ypn.example",
    });
    const claire = await insertStaff(ctx.db, {
      firmId: firm.id,
      email: "claire@ypn.example",
      displayName: "Claire Comptable",
      role: "accountant",
      expectedTenant: "ypn.example",
    });
    const dossier = await insertDossier(ctx.db, firm.id, {
      name: "Boulangerie Martin et Fils SARL",
      siren: "732829320",
      siret: null,
      address: "1 rue de la Paix, 75002 Paris",
      accountantId: claire.id,
      status: "onboarding",
    });
    // What the client's side does, through the portal's own operations: two sign in, one asks
    // their administrator, who approves.
    for (const i of [1, 2, 3]) {
      // Each step a few milliseconds apart, so "newest first" has one answer.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const contact = await insertContact(ctx.db, firm.id, {
        civility: "mme",
        firstName: "Marie-Christine",
        lastName: `Vandenberghe-Lefebvre ${i}`,
        email: `marie-christine.vandenberghe${i}@boulangerie-martin-et-fils.fr`,
        phone: null,
        language: "fr",
      });
      if (i === 1) firstContactId = contact.id;
      await linkDossier(ctx.db, contact.id, {
        dossierId: dossier.id,
        read: true,
        upload: true,
        approve: false,
      });
      if (i < 3) {
        const { token } = await createInvitation(ctx.db, firm.id, contact.id);
        const claims = { tid: tenant, oid: `oid-${i}`, email: contact.email, name: "Marie-Christine" };
        assert.equal((await matchContact(ctx.db, firm.id, claims, token)).ok, true);
      } else {
        await ctx.db
          .updateTable("contact")
          .set({ readiness_kind: "work", readiness_tenant_id: tenant, readiness_consent: "pending" })
          .where("id", "=", contact.id)
          .execute();
        await recordApprovalRequested(ctx, { firm, contact });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await recordConsent(ctx, firm.id, {
          tenantId: tenant,
          oid: "o",
          name: "Emma Admin",
          permissions: "User.Read",
        });
      }
    }
    session = await createSession(ctx.db, {
      kind: "staff",
      firmId: firm.id,
      subjectId: claire.id,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: claire.id,
      name: claire.display_name,
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

  const fits = async (page: Page, width: number, label: string) => {
    const across = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(across <= width, `${label} is ${across} px wide on a ${width} px screen`);
  };

  const words = {
    fr: {
      nav: /^Notifications 4 non lues$/,
      title: "Notifications",
      accepted: "Marie-Christine Vandenberghe-Lefebvre 1 a accepté l'invitation",
      approved: "L'organisation de Marie-Christine Vandenberghe-Lefebvre 3 a approuvé",
      unread: "Notifications non lues : 4.",
      markAll: "Tout marquer comme lu",
      marked: "Toutes les notifications sont marquées comme lues.",
      none: "Aucune notification non lue.",
      optOut: "Un client crée son compte",
      save: "Enregistrer mes préférences",
      saved: "Vos préférences de notification ont été enregistrées.",
      language: "Langue des e-mails",
    },
    en: {
      nav: /^Notifications 4 unread$/,
      title: "Notifications",
      accepted: "Marie-Christine Vandenberghe-Lefebvre 1 accepted the invitation",
      approved: "Marie-Christine Vandenberghe-Lefebvre 3's organisation approved",
      unread: "Unread notifications: 4.",
      markAll: "Mark all as read",
      marked: "All notifications are marked as read.",
      none: "No unread notifications.",
      optOut: "A client creates their account",
      save: "Save my preferences",
      saved: "Your notification preferences were saved.",
      language: "Language of the e-mails",
    },
  } as const;

  for (const locale of ["fr", "en"] as const) {
    for (const width of [1100, 390]) {
      it(`${locale}, ${width} px: the header's count, the list, "mark all read", the preferences, a line leads to the contact`, async () => {
        const w = words[locale];
        await portal.ctx.db.updateTable("notification_recipient").set({ read_at: null }).execute();
        const page = await open(locale, width, "/YPN/dossiers");
        const bell = page.getByRole("navigation").getByRole("link", { name: /^Notifications/ });
        assert.match(((await bell.textContent()) ?? "").replace(/\s+/g, " ").trim(), w.nav);
        await bell.click();
        await page.waitForURL(/\/YPN\/notifications$/);
        assert.equal(await page.locator("h1").textContent(), w.title);
        const items = page.locator("ul.notifications > li");
        assert.equal(await items.count(), 4);
        assert.equal(await page.locator("ul.notifications > li.unread").count(), 4);
        // Newest first: the approval came last.
        assert.match((await items.first().textContent()) ?? "", new RegExp(w.approved));
        assert.match((await items.last().textContent()) ?? "", new RegExp(w.accepted));
        assert.equal(await page.getByRole("status").first().textContent(), w.unread);
        await expectNoAxeViolations(page, `notifications ${locale} ${width}`);
        await fits(page, width, "the notifications page");
        console.log(`screenshot: ${await screenshot(page, `notifications-${locale}-${width}`)}`);

        await page.getByLabel(w.optOut).uncheck();
        await page.getByLabel(w.language).selectOption(locale);
        await page.getByRole("button", { name: w.save }).click();
        await page.waitForURL(/done=saved/);
        assert.equal(await page.getByRole("status").first().textContent(), w.saved);
        assert.equal(await page.getByLabel(w.optOut).isChecked(), false);
        await page.getByLabel(w.optOut).check();
        await page.getByRole("button", { name: w.save }).click();
        await page.waitForURL(/done=saved/);
        assert.equal(await page.getByLabel(w.optOut).isChecked(), true);

        await page.getByRole("button", { name: w.markAll }).click();
        await page.waitForURL(/done=read/);
        assert.equal(await page.getByRole("status").first().textContent(), w.marked);
        assert.equal(await page.getByRole("status").nth(1).textContent(), w.none);
        assert.equal(await page.locator("ul.notifications > li.unread").count(), 0);
        assert.equal(await page.locator("nav .badge").count(), 0);
        await expectNoAxeViolations(page, `notifications read ${locale} ${width}`);
        await fits(page, width, "the notifications page, all read");
        console.log(`screenshot: ${await screenshot(page, `notifications-read-${locale}-${width}`)}`);

        await page.getByRole("link", { name: new RegExp(w.accepted) }).click();
        await page.waitForURL(new RegExp(`/YPN/interlocuteurs/${firstContactId}$`));
        assert.match((await page.locator("h1").textContent()) ?? "", /Vandenberghe-Lefebvre 1/);
        await page.context().close();
      });
    }
  }
});
