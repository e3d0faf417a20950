import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";
import { activeSessions, SESSION_COOKIE } from "./sessions";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };

for (const target of await testTargets()) {
  describe(`the SSO session cookie in cross-site frames (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      await addPersonalAccount(h.identity.ctx.db, { email: "frame@outlook.fr", password: "correct horse 1" });
    });
    after(() => h.close());

    const signIn = async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/login");
      await browser.post("/login", { email: "frame@outlook.fr" });
      const done = await browser.post("/login/password", {
        email: "frame@outlook.fr",
        password: "correct horse 1",
      });
      return { browser, done };
    };

    it("is SameSite=None; Secure like Entra's, so a hidden iframe's prompt=none sees it; the CSRF cookie stays Lax", async () => {
      const { done } = await signIn();
      const setCookies = ([] as string[]).concat(done.headers["set-cookie"] ?? []);
      const session = setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      assert.ok(session, "the sign-in sets the session cookie");
      assert.match(session, /; SameSite=None/i);
      assert.match(session, /; Secure/i);
      assert.match(session, /; HttpOnly/i);
      const login = await new Browser(h.app, "en").get("/login");
      const csrf = ([] as string[])
        .concat(login.headers["set-cookie"] ?? [])
        .find((c) => c.startsWith("__Host-csrf="));
      assert.ok(csrf, "a form page sets the CSRF cookie");
      assert.match(csrf, /; SameSite=Lax/i);
    });

    it("still refuses a cross-site form post that carries only the session cookie (no CSRF cookie or token)", async () => {
      const { browser } = await signIn();
      const token = browser.cookie(SESSION_COOKIE) ?? "";
      // What a cross-site page's form sends now that the session cookie goes everywhere: the
      // session (SameSite=None) but not the Lax CSRF cookie, and no token of identity's form.
      const forged = await h.app.inject({
        method: "POST",
        url: "/logout",
        payload: "",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: `${SESSION_COOKIE}=${token}`,
          origin: "https://evil.example",
        },
      });
      assert.equal(forged.statusCode, 403);
      assert.equal((await activeSessions(h.identity.ctx.db, token)).length, 1);
    });
  });
}
