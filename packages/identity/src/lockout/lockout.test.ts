import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const alert = /role="alert">([^<]+)</;

for (const target of await testTargets()) {
  describe(`lockout after wrong passwords (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    async function attempt(browser: Browser, email: string, password: string) {
      await browser.get("/login");
      await browser.post("/login", { email });
      return browser.post("/login/password", { email, password });
    }

    /** Time passes: the running lock of this source ends now (no sleeping for a minute). */
    async function lockRunsOut(source: string) {
      await h.identity.ctx.db
        .updateTable("signin_lockout")
        .set({ locked_until: Date.now() - 1 })
        .where("source", "=", source)
        .execute();
    }

    async function lockLength(source: string) {
      const row = await h.identity.ctx.db
        .selectFrom("signin_lockout")
        .select(["locked_until", "last_failure_at"])
        .where("source", "=", source)
        .executeTakeFirstOrThrow();
      return Number(row.locked_until) - Number(row.last_failure_at);
    }

    it("locks an account for one source after 10 wrong passwords, even with the right one", async () => {
      const attacker = new Browser(h.app, "fr", "203.0.113.7");
      for (let i = 1; i <= 9; i++) {
        const wrong = await attempt(attacker, demoPersonalAccount.email, `wrong-${i}`);
        assert.equal(wrong.statusCode, 400);
      }
      const tenth = await attempt(attacker, demoPersonalAccount.email, "wrong-10");
      assert.equal(tenth.statusCode, 429);
      assert.match(
        tenth.body,
        /Vous avez essayé de vous connecter trop de fois avec un identifiant ou un mot de passe incorrect\./,
      );
      const right = await attempt(attacker, demoPersonalAccount.email, demoPersonalAccount.password);
      assert.equal(right.statusCode, 429);
      assert.match(right.body, /Réessayez dans 1 minute/);
    });

    it("leaves the same account open from another source", async () => {
      const owner = new Browser(h.app, "en", "198.51.100.20");
      const response = await attempt(owner, demoPersonalAccount.email, demoPersonalAccount.password);
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Stay signed in\?/);
    });

    it("opens again when the lock runs out, then locks twice as long at the next wrong password", async () => {
      const attacker = new Browser(h.app, "en", "203.0.113.7");
      assert.equal(await lockLength("203.0.113.7"), 60_000);
      await lockRunsOut("203.0.113.7");
      const again = await attempt(attacker, demoPersonalAccount.email, "still-wrong");
      assert.equal(again.statusCode, 429);
      assert.match(again.body, /You(?:'|&#39;|&#x27;)ve tried to sign in too many times/);
      assert.equal(await lockLength("203.0.113.7"), 120_000);
      await lockRunsOut("203.0.113.7");
      await attempt(attacker, demoPersonalAccount.email, "still-wrong");
      assert.equal(await lockLength("203.0.113.7"), 240_000);
      await lockRunsOut("203.0.113.7");
      const right = await attempt(attacker, demoPersonalAccount.email, demoPersonalAccount.password);
      assert.equal(right.statusCode, 200);
      assert.match(right.body, /Stay signed in\?/);
    });

    it("does not let a burst of parallel guesses past the limit", async () => {
      const attackers = Array.from({ length: 30 }, () => new Browser(h.app, "en", "203.0.113.99"));
      for (const b of attackers) await b.get("/login");
      const answers = await Promise.all(
        attackers.map((b, i) =>
          b.post("/login/password", { email: demoPersonalAccount.email, password: `burst-${i}` }),
        ),
      );
      const checked = answers.filter((a) => a.statusCode === 400).length;
      assert.equal(checked, 9, "only the guesses before the tenth were answered as wrong passwords");
      assert.equal(answers.filter((a) => a.statusCode === 429).length, 21);
    });

    it("locks an unknown address exactly like a known one", async () => {
      const known = new Browser(h.app, "en", "192.0.2.1");
      const unknown = new Browser(h.app, "en", "192.0.2.2");
      let a = await attempt(known, demoPersonalAccount.email, "x");
      let b = await attempt(unknown, "nobody@example.org", "x");
      for (let i = 0; i < 9; i++) {
        a = await attempt(known, demoPersonalAccount.email, "x");
        b = await attempt(unknown, "nobody@example.org", "x");
      }
      assert.equal(a.statusCode, 429);
      assert.equal(b.statusCode, 429);
      assert.equal(alert.exec(a.body)?.[1], alert.exec(b.body)?.[1]);
    });
  });
}
