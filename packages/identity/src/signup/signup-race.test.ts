import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { fastSignupEnv, goodPassword, solvedAltcha } from "./signup-test-kit";

const PARALLEL = 50;

for (const target of await testTargets()) {
  describe(`simultaneous sign-ups for one address (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fastSignupEnv });
    });
    after(() => h.close());

    it("creates exactly one account and one welcome mail when 50 people finish at once", async () => {
      const ready: { browser: Browser; altcha: string }[] = [];
      for (let i = 0; i < PARALLEL; i++) {
        const browser = new Browser(h.app, i % 2 ? "en" : "fr");
        await browser.get("/signup");
        assert.equal(
          (await browser.post("/signup/email", { mode: "new", name: "course", domain: "outlook.fr" }))
            .statusCode,
          303,
        );
        await browser.get("/signup/password");
        await browser.post("/signup/password", { password: goodPassword });
        await browser.get("/signup/profile");
        await browser.post("/signup/profile", { country: "FR", year: "1990", month: "6", day: "15" });
        await browser.get("/signup/challenge");
        ready.push({ browser, altcha: await solvedAltcha(browser) });
      }

      const answers = await Promise.all(
        ready.map(({ browser, altcha }) => browser.post("/signup/challenge", { altcha })),
      );

      const statuses = answers.map((a) => a.statusCode);
      assert.equal(statuses.filter((s) => s === 200).length, 1);
      assert.equal(statuses.filter((s) => s === 409).length, PARALLEL - 1);
      for (const loser of answers.filter((a) => a.statusCode === 409)) {
        assert.match(loser.body.replace(/&#39;/g, "'"), /course@outlook\.fr (est déjà utilisée|is already)/);
      }
      const db = h.identity.ctx.db;
      const accounts = await db
        .selectFrom("account")
        .select("id")
        .where("email_normalized", "=", "course@outlook.fr")
        .execute();
      assert.equal(accounts.length, 1);
      const welcome = await db
        .selectFrom("mail_outbox")
        .select("id")
        .where("to_address", "=", "course@outlook.fr")
        .execute();
      assert.equal(welcome.length, 1);
    });
  });
}
