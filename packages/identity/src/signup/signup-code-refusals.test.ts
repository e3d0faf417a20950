import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { fastSignupEnv, readCode, rowCounts, text, throughProfile } from "./signup-test-kit";

const alert = (body: string) => text(/role="alert">([\s\S]*?)<\/(p|div)>/.exec(body)?.[1] ?? "");

for (const target of await testTargets()) {
  describe(`sign-up refuses wrong, expired and burned codes (${target.label})`, () => {
    let h: IdentityHarness;
    let n = 0;
    const address = () => `person${++n}.${target.label}@example.org`;
    before(async () => {
      h = await startTestIdentity(target, { env: fastSignupEnv });
    });
    after(() => h.close());

    it("keeps the person on the code step after a wrong code", async () => {
      const browser = new Browser(h.app, "fr");
      const email = address();
      await throughProfile(browser, { email });
      const code = await readCode(h, email);
      await browser.get("/signup/code");
      const before = await rowCounts(h);
      const wrong = await browser.post("/signup/code", { code: code === "000000" ? "111111" : "000000" });
      assert.equal(wrong.statusCode, 400);
      assert.match(alert(wrong.body), /Ce code n'est pas correct.*4 essai/);
      assert.deepEqual(await rowCounts(h), before);
      assert.equal((await browser.get("/signup/challenge")).headers.location, "/signup/code");
    });

    it("says an expired code has expired", async () => {
      const browser = new Browser(h.app, "en");
      const email = address();
      await throughProfile(browser, { email });
      const code = await readCode(h, email);
      await h.identity.ctx.db
        .updateTable("email_code")
        .set({ expires_at: Date.now() - 1 })
        .where("address", "=", email)
        .execute();
      await browser.get("/signup/code");
      const late = await browser.post("/signup/code", { code });
      assert.equal(late.statusCode, 410);
      assert.match(alert(late.body), /This code has expired. Ask for a new code./);
    });

    it("burns a code after five wrong tries, then only a new code works", async () => {
      const browser = new Browser(h.app, "fr");
      const email = address();
      await throughProfile(browser, { email });
      const code = await readCode(h, email);
      const wrongCode = code === "000000" ? "111111" : "000000";
      await browser.get("/signup/code");
      for (let i = 0; i < 4; i++)
        assert.equal((await browser.post("/signup/code", { code: wrongCode })).statusCode, 400);
      const fifth = await browser.post("/signup/code", { code: wrongCode });
      assert.match(alert(fifth.body), /Trop d'essais incorrects/);
      const sixth = await browser.post("/signup/code", { code });
      assert.equal(sixth.statusCode, 429);
      assert.match(alert(sixth.body), /ce code ne peut plus être utilisé. Demandez un nouveau code/);
      assert.equal((await browser.get("/signup/challenge")).headers.location, "/signup/code");

      // A minute later (moved in the database, not waited for), a new code can be asked for and works.
      await h.identity.ctx.db
        .updateTable("email_code")
        .set({ created_at: Date.now() - 61_000 })
        .where("address", "=", email)
        .execute();
      const since = Date.now();
      const resent = await browser.post("/signup/code/resend", {});
      assert.equal(resent.statusCode, 200);
      const fresh = await readCode(h, email, since);
      const ok = await browser.post("/signup/code", { code: fresh });
      assert.equal(ok.headers.location, "/signup/challenge");
    });

    it("refuses a new code asked for within a minute of the last one", async () => {
      const browser = new Browser(h.app, "en");
      const email = address();
      await throughProfile(browser, { email });
      await readCode(h, email);
      await browser.get("/signup/code");
      const before = await rowCounts(h);
      const early = await browser.post("/signup/code/resend", {});
      assert.equal(early.statusCode, 429);
      assert.match(alert(early.body), /Wait \d+ more seconds before asking for a new code/);
      assert.deepEqual(await rowCounts(h), before);
    });
  });
}
