import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findAccountByEmail } from "../accounts/account-queries";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { signIn } from "../tenants/directory-test-support";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

for (const target of await testTargets()) {
  describe(`editing one's profile on the account page (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target);
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    async function profileOf(email: string, password: string) {
      const browser = new Browser(h.app, "fr");
      await signIn(browser, email, password);
      const page = await browser.get("/account/profile");
      assert.equal(page.statusCode, 200);
      const sid = String(/name="sid" value="([^"]+)"/.exec(page.body)?.[1]);
      return { browser, page, sid };
    }
    const form = (sid: string, extra: Record<string, string> = {}) => ({
      sid,
      givenName: "Camille",
      familyName: "Durand-Lefèvre",
      country: "BE",
      year: "1988",
      month: "4",
      day: "12",
      language: "en",
      marketing: "yes",
      ...extra,
    });
    const stored = async (email: string) => {
      const account = await findAccountByEmail(h.identity.ctx.db, email);
      assert.ok(account);
      return account;
    };

    it("saves names, country, birth date, language and the marketing choice, with the choice's history", async () => {
      const { browser, sid } = await profileOf(demoPersonalAccount.email, demoPersonalAccount.password);
      const saved = await browser.post("/account/profile", form(sid));
      assert.equal(saved.statusCode, 303);
      const account = await browser.get(String(saved.headers.location));
      assert.match(account.body, /role="status">Votre profil a été enregistré\./);
      assert.match(account.body, /Camille Durand-Lefèvre/);
      const row = await stored(demoPersonalAccount.email);
      assert.deepEqual(
        [row.display_name, row.given_name, row.family_name, row.country, row.birth_date, row.language],
        ["Camille Durand-Lefèvre", "Camille", "Durand-Lefèvre", "BE", "1988-04-12", "en"],
      );
      assert.ok(row.marketing_consent_at);
      await browser.get("/account/profile");
      await browser.post("/account/profile", form(sid, { marketing: "" }));
      assert.equal((await stored(demoPersonalAccount.email)).marketing_consent_at, null);
      const again = await browser.get("/account/profile");
      assert.match(again.body, /Accepté le/);
      assert.match(again.body, /Retiré le/);
      const events = await h.identity.ctx.db
        .selectFrom("marketing_consent_event")
        .select("granted")
        .where("account_id", "=", row.id)
        .orderBy("at")
        .execute();
      assert.deepEqual(
        events.map((e) => e.granted),
        [1, 0],
      );
    });

    it("refuses a bad name, an impossible date, and a birth date under the age of consent, changing nothing", async () => {
      const { browser, sid } = await profileOf(demoPersonalAccount.email, demoPersonalAccount.password);
      const before = await stored(demoPersonalAccount.email);
      for (const [extra, message] of [
        [{ givenName: "" }, /Entrez votre prénom et votre nom/],
        [{ familyName: "Du\u202erand" }, /Entrez votre prénom et votre nom/],
        [{ month: "2", day: "31" }, /Cette date n&#39;existe pas/],
        [{ country: "ZZ" }, /Choisissez votre pays ou région/],
        [{ year: String(new Date().getUTCFullYear() - 10) }, /vous avez moins de 13 ans, l&#39;âge requis/],
      ] as const) {
        await browser.get("/account/profile");
        const refused = await browser.post("/account/profile", form(sid, extra));
        assert.equal(refused.statusCode, 400, JSON.stringify(extra));
        assert.match(refused.body, message);
      }
      const after = await stored(demoPersonalAccount.email);
      assert.equal(after.updated_at, before.updated_at);
    });

    it("lets a work account choose only its language: the organization owns the rest", async () => {
      const email = "sophie.martin@boulangerie-martin.fr";
      const { browser, page, sid } = await profileOf(email, "Baguette-Doree-81");
      assert.match(page.body, /gérés par votre organisation \(Boulangerie Martin\)/);
      assert.doesNotMatch(page.body, /name="givenName"/);
      const before = await stored(email);
      const saved = await browser.post("/account/profile", form(sid));
      assert.equal(saved.statusCode, 303);
      const after = await stored(email);
      assert.equal(after.language, "en");
      assert.equal(after.display_name, before.display_name);
      assert.equal(after.country, before.country);
    });
  });
}
