import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";
import { activeSessions, SESSION_COOKIE } from "./sessions";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };

for (const target of await testTargets()) {
  describe(`session fixation (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      await addPersonalAccount(h.identity.ctx.db, { email: "fixed@outlook.fr", password: "correct horse 1" });
    });
    after(() => h.close());

    it("gives the browser a new session cookie at sign-in; a value chosen beforehand opens nothing", async () => {
      const chosen = "attacker-chosen-session-value-0123456789abcdef";
      const browser = new Browser(h.app, "en");
      browser.setCookie(SESSION_COOKIE, chosen);
      await browser.get("/login");
      await browser.post("/login", { email: "fixed@outlook.fr" });
      const done = await browser.post("/login/password", {
        email: "fixed@outlook.fr",
        password: "correct horse 1",
      });
      assert.equal(done.statusCode, 200);
      const issued = done.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
      assert.ok(issued, "the sign-in sets the session cookie");
      assert.notEqual(issued, chosen);
      assert.deepEqual(await activeSessions(h.identity.ctx.db, chosen), []);
      assert.equal((await activeSessions(h.identity.ctx.db, issued)).length, 1);
    });

    it("gives a new session cookie again when the session is made to outlive the browser", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/login");
      await browser.post("/login", { email: "fixed@outlook.fr" });
      const kmsi = await browser.post("/login/password", {
        email: "fixed@outlook.fr",
        password: "correct horse 1",
      });
      const before = browser.cookie(SESSION_COOKIE);
      const sid = /name="sid" value="([^"]+)"/.exec(kmsi.body)?.[1] ?? "";
      const answered = await browser.post("/login/kmsi", { sid, answer: "yes" });
      assert.equal(answered.statusCode, 303);
      const after = answered.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
      assert.ok(after && before && after !== before);
      assert.deepEqual(await activeSessions(h.identity.ctx.db, before), []);
      const [session] = await activeSessions(h.identity.ctx.db, after);
      assert.equal(session?.id, sid);
      assert.equal(session?.persistent, true);
    });

    it("keeps the accounts already signed in on the browser under the new cookie", async () => {
      await addPersonalAccount(h.identity.ctx.db, {
        email: "second@outlook.fr",
        password: "correct horse 2",
      });
      const browser = new Browser(h.app, "en");
      for (const [email, password] of [
        ["fixed@outlook.fr", "correct horse 1"],
        ["second@outlook.fr", "correct horse 2"],
      ] as const) {
        await browser.get("/login?prompt=login");
        await browser.post("/login", { email, prompt: "login" });
        await browser.post("/login/password", { email, password });
      }
      const sessions = await activeSessions(h.identity.ctx.db, browser.cookie(SESSION_COOKIE));
      assert.deepEqual(sessions.map((s) => s.account.email).sort(), [
        "fixed@outlook.fr",
        "second@outlook.fr",
      ]);
    });
  });
}
