import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findContactByEmail } from "@sesame/portal/contacts/contact-queries";
import { findFirmByCode } from "@sesame/portal/firms/firm-queries";
import type { Page } from "playwright-core";
import { newContext } from "./support/chromium";
import {
  checkGuestPage as check,
  dossierOfContact,
  type GuestAccessStack,
  newGuestContact,
  staffContext,
  useGuestAccessStack,
  guestWords as words,
} from "./support/guest-access-test-support";
import { latestMail } from "./support/servers";

/** Staff switch a new contact (with a dossier) to guest access; returns the redeem link of the portal's mail. */
async function invitedAsGuest(running: GuestAccessStack, locale: "fr" | "en", email: string, siren: string) {
  const { stack, portal, portalUrl } = running;
  const firm = await findFirmByCode(portal.ctx.db, "YPN");
  assert.ok(firm);
  // The demo already knows some of these people as contacts (with their own names).
  const contact =
    (await findContactByEmail(portal.ctx.db, firm.id, email)) ??
    (await newGuestContact(portal, email, locale));
  const dossier = await dossierOfContact(portal, contact.id, {
    name: `Dossier ${email}`,
    siren,
    address: "2 quai Ouest",
  });
  const staff = await staffContext(running, locale);
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

describe("a contact with a Microsoft account becomes a guest of the firm and signs in to the portal, in Chromium", () => {
  const running = useGuestAccessStack();

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
      const { portal, portalUrl, browser } = running();
      const { dossier, staff, staffPage, contact, redeem } = await invitedAsGuest(
        running(),
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
