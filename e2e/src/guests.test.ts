import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { seedOrganization } from "@sesame/identity/demo/organization-seed";
import { inviteGuest } from "@sesame/identity/guests/guest-invitation-operations";
import { fastArgon2 } from "@sesame/identity/tenants/directory-test-support";
import { deliveredMail } from "@sesame/identity/testing/delivered-mail";
import { type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Browser as Chromium } from "playwright-core";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext } from "./support/chromium";

const [target] = await testTargets();

const words = {
  fr: { send: "Envoyer le code", code: "Code", signIn: "Se connecter", no: "Non", accept: "Accepter" },
  en: { send: "Send code", code: "Code", signIn: "Sign in", no: "No", accept: "Accept" },
} as const;

describe("A gmail contact redeems a guest invitation with an e-mailed code in Chromium", () => {
  let h: IdentityHarness;
  let chromium: Chromium;
  let tenant: { id: string; display_name: string };
  before(async () => {
    h = await startTestIdentity(target!, { listen: true, env: fastArgon2 });
    const firm = await seedOrganization(h.identity.ctx, {
      displayName: "Cabinet Dupont",
      country: "FR",
      prefix: "cabinetdupontweb",
      users: [
        {
          userName: "ga",
          displayName: "Gaëlle Admin",
          password: "Ga-Secret-1234",
          roles: ["globalAdministrator"],
        },
      ],
    });
    tenant = firm.tenant;
    chromium = await launchChromium(
      fs.readFileSync(path.join(path.dirname(h.identity.caFile), "server.pem"), "utf8"),
    );
  });
  after(async () => {
    await chromium?.close();
    await h.close();
  });

  for (const locale of ["fr", "en"] as const) {
    it(`redeems without any account or password (${locale})`, async () => {
      const email = `contact.${locale}@gmail.com`;
      const invitation = await inviteGuest(
        h.identity.ctx,
        { id: null, name: "test", source: "test" },
        {
          tenant,
          email,
          redirectUrl: "https://app.example/dossier",
          sendMail: false,
          locale,
          resetRedemption: false,
        },
      );
      const t = words[locale];
      const context = await newContext(chromium, locale);
      const page = await context.newPage();
      await page.route("https://app.example/**", (route) =>
        route.fulfill({ status: 200, contentType: "text/plain", body: "dossier" }),
      );
      await page.goto(invitation.redeemUrl.replace(h.identity.ctx.origin, h.identity.url));
      await page.getByRole("button", { name: t.send }).waitFor();
      assert.match(await page.content(), /Cabinet Dupont/);
      await expectNoAxeViolations(page, `send code page (${locale})`);
      await page.getByRole("button", { name: t.send }).click();
      const mail = await deliveredMail(h.identity.ctx, email);
      const code = /: (\d{4,8})/.exec(mail.text_body)?.[1] ?? "";
      await page.getByLabel(t.code, { exact: true }).fill(code);
      await expectNoAxeViolations(page, `code page (${locale})`);
      await page.getByRole("button", { name: t.signIn }).click();
      await page.getByRole("button", { name: t.no }).click();
      await page.getByRole("button", { name: t.accept }).waitFor();
      assert.match(await page.content(), /Cabinet Dupont/);
      await expectNoAxeViolations(page, `review permissions (${locale})`);
      await page.getByRole("button", { name: t.accept }).click();
      await page.waitForURL(/^https:\/\/app\.example\/dossier/);
      const guest = await h.identity.ctx.db
        .selectFrom("guest")
        .select(["external_user_state", "redeemed_idp"])
        .where("account_id", "=", invitation.account.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(guest, { external_user_state: "Accepted", redeemed_idp: "mail" });
      await context.close();
    });
  }
});
