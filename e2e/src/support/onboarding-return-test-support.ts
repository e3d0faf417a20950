import assert from "node:assert/strict";
import { after, before } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "@sesame/portal/contacts/contact-queries";
import { sendInvitation } from "@sesame/portal/invitations/invitation-operations";
import type { RunningPortal } from "@sesame/portal/main";
import { refreshReadiness } from "@sesame/portal/readiness/readiness-operations";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoAxeViolations } from "./axe";
import { launchChromium, newContext, screenshot } from "./chromium";
import { demoFirmAdmin, signInAsDemoFirmAdmin, startPortalDemoStack } from "./portal-demo-test-support";
import { latestMail, type Stack } from "./servers";

const PHONE = { width: 390, height: 844 };

export interface ReturnStack {
  readonly stack: Stack;
  readonly portal: RunningPortal;
  readonly portalUrl: string;
  readonly browser: Browser;
}

/** Registers the suite's set-up (identity, the portal with its demo firm, Chromium); returns the running stack. */
export function useReturnStack(): () => ReturnStack {
  let running: ReturnStack | undefined;
  before(async () => {
    const [target] = await testTargets();
    assert.ok(target);
    const { stack, portal, portalUrl } = await startPortalDemoStack(target);
    running = { stack, portal, portalUrl, browser: await launchChromium(stack.serverCert) };
  });
  after(async () => {
    await running?.browser.close();
    await running?.stack.close();
  });
  return () => {
    assert.ok(running, "the stack starts in the suite's before hook");
    return running;
  };
}

export async function check(page: Page, name: string) {
  await expectNoAxeViolations(page, name);
  console.log(`screenshot: ${await screenshot(page, name)}`);
}

/** A browser context in the given language, desktop or a touch phone. */
export async function browserContext(
  browser: Browser,
  locale: "fr" | "en",
  phone: boolean,
): Promise<BrowserContext> {
  return phone
    ? browser.newContext({
        locale: locale === "fr" ? "fr-FR" : "en-GB",
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
      })
    : newContext(browser, locale);
}

/** The demo firm's administrator, signed in (the session a Microsoft sign-in would create). */
export async function adminContext(
  running: ReturnStack,
  locale: "fr" | "en",
  phone: boolean,
): Promise<BrowserContext> {
  return signInAsDemoFirmAdmin(
    await browserContext(running.browser, locale, phone),
    running.portal,
    "00000000-0000-0000-0000-000000000001",
  );
}

/** A contact with no Microsoft account yet, invited in their language; returns the guide's link. */
export async function invitedWithoutAccount(
  running: ReturnStack,
  locale: "fr" | "en",
  email: string,
  last: string,
) {
  const ctx = running.portal.ctx;
  const admin = await demoFirmAdmin(running.portal);
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
  const mail = await latestMail(running.stack.identity, email, { subject: /vous invite|invites you/ });
  return /https:\/\/\S+\/YPN\/guide\/[\w-]+/.exec(mail.text)?.[0] ?? "";
}
