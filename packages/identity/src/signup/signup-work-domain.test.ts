import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { seedOrganizationsDemo } from "../demo/organizations-demo";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { fastSignupEnv, rowCounts, text } from "./signup-test-kit";

const alert = (body: string) => text(/role="alert">([\s\S]*?)<\/(p|div)>/.exec(body)?.[1] ?? "");

for (const target of await testTargets()) {
  describe(`sign-up refuses a personal account on a domain an organization verified (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fastSignupEnv });
      await seedOrganizationsDemo(h.identity.ctx);
    });
    after(() => h.close());

    for (const [locale, expected] of [
      [
        "fr",
        /Vous ne pouvez pas créer de compte Microsoft personnel avec nobody@boulangerie-martin\.fr : cette adresse est une adresse professionnelle de l'organisation Boulangerie Martin/,
      ],
      [
        "en",
        /You can't create a personal Microsoft account with nobody@boulangerie-martin\.fr: it is a work address of the organization Boulangerie Martin/,
      ],
    ] as const) {
      it(`a mistyped work address is refused with the organization's name (${locale}), and nothing is kept`, async () => {
        const browser = new Browser(h.app, locale);
        await browser.get("/signup");
        const before = await rowCounts(h);
        const refused = await browser.post("/signup/email", {
          mode: "existing",
          email: "nobody@boulangerie-martin.fr",
        });
        assert.equal(refused.statusCode, 400);
        assert.match(alert(refused.body), expected);
        assert.deepEqual(await rowCounts(h), before);
      });
    }

    it("an address on a domain no organization verified still creates a personal account", async () => {
      const browser = new Browser(h.app, "fr");
      await browser.get("/signup");
      const accepted = await browser.post("/signup/email", { mode: "existing", email: "nobody@example.org" });
      assert.equal(accepted.statusCode, 303);
    });
  });
}
