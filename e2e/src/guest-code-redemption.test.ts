import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "./support/chromium";
import {
  checkGuestPage as check,
  dossierOfContact,
  newGuestContact,
  staffContext,
  useGuestAccessStack,
  guestWords as words,
} from "./support/guest-access-test-support";
import { latestMail } from "./support/servers";

describe("a gmail contact with no account becomes a guest of the firm and signs in to the portal, in Chromium", () => {
  const running = useGuestAccessStack();

  for (const locale of ["fr", "en"] as const) {
    it(`redeems with an e-mailed code, accepts the permissions and sees the dossier, with no account or password (${locale})`, async () => {
      const { stack, portal, portalUrl, browser } = running();
      const w = words[locale];
      const email = `ines.invitee.${locale}@gmail.com`;
      const contact = await newGuestContact(portal, email, locale);
      const dossier = await dossierOfContact(portal, contact.id, {
        name: `Fromagerie Invitée ${locale}`,
        siren: locale === "fr" ? "552100554" : "542051180",
        address: "1 rue du Port",
      });

      // The firm switches the contact to guest access.
      const staff = await staffContext(running(), locale);
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
});
