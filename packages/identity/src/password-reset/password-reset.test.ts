import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { CONSUMER_TENANT_ID } from "../config";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import {
  findRefreshToken,
  newFamilyId,
  newRefreshTokenValue,
  storeRefreshToken,
} from "../oauth/refresh-tokens";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const alert = /role="alert">([^<]+)</;
const status = /role="status">([^<]+)</;
const newPassword = "Lanterne-Orage-Violette-61";

for (const target of await testTargets()) {
  describe(`forgotten password by emailed code (${target.label})`, () => {
    let h: IdentityHarness;
    const email = demoPersonalAccount.email;
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    /** One account per test: a new code for an address is allowed only once a minute. */
    async function addAccount(address: string) {
      await addPersonalAccount(h.identity.ctx.db, { email: address, password: "Ancien-Mot-De-Passe-12" });
      return address;
    }

    /** A refresh token of the account, as an application signed in with the old password holds. */
    async function refreshTokenOf(address: string): Promise<string> {
      const { id } = await h.identity.ctx.db
        .selectFrom("account")
        .select("id")
        .where("email_normalized", "=", address)
        .executeTakeFirstOrThrow();
      const token = newRefreshTokenValue();
      await storeRefreshToken(
        h.identity.ctx.db,
        {
          client_id: "00000000-0000-4000-8000-0000000000aa",
          account_id: id,
          tenant_id: CONSUMER_TENANT_ID,
          session_id: "s",
          scope: "openid offline_access",
          resource_app_id: "00000003-0000-0000-c000-000000000000",
          resource_requested: "https://graph.microsoft.com",
          api_version: "2",
          auth_time: Date.now(),
          public_client: 0,
        },
        { value: token, familyId: newFamilyId() },
      );
      return token;
    }

    async function latestCode(to: string): Promise<string> {
      const mail = await h.app.inject({
        url: `/_dev/mail?to=${encodeURIComponent(to)}`,
        headers: { accept: "application/json" },
      });
      const [latest] = mail.json() as { subject: string; text: string }[];
      return /(\d{6})/.exec(latest?.text ?? "")?.[1] ?? "";
    }

    async function waitForCode(to: string, previous = ""): Promise<string> {
      // The sender delivers queued mail in the background; poll the sink until the code arrives.
      for (let i = 0; i < 200; i++) {
        const code = await latestCode(to);
        if (code && code !== previous) return code;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no code mailed to ${to}`);
    }

    async function askForCode(browser: Browser, address: string) {
      await browser.get(`/password/reset?login_hint=${encodeURIComponent(address)}`);
      const started = await browser.post("/password/reset", { email: address });
      assert.equal(started.statusCode, 303);
      return browser.get("/password/reset/code");
    }

    it("resets the password with the mailed code, ends old sessions, and signs in with the new one (fr)", async () => {
      const signedIn = new Browser(h.app, "fr");
      await signedIn.get("/login");
      await signedIn.post("/login", { email });
      await signedIn.post("/login/password", { email, password: demoPersonalAccount.password });
      assert.equal((await signedIn.get("/account")).statusCode, 200);

      const refreshToken = await refreshTokenOf(email);
      const browser = new Browser(h.app, "fr");
      const codePage = await askForCode(browser, email);
      assert.match(
        status.exec(codePage.body)?.[1] ?? "",
        /Si un compte existe pour cette adresse, nous avons envoyé un code/,
      );
      const code = await waitForCode(email);
      const mail = (await h.app.inject({ url: `/_dev/mail?to=${encodeURIComponent(email)}` })).json()[0];
      assert.equal(mail.subject, "Code de sécurité du compte Microsoft");
      const verified = await browser.post("/password/reset/code", { code });
      assert.equal(verified.headers.location, "/password/reset/new");
      await browser.get("/password/reset/new");
      const weak = await browser.post("/password/reset/new", { password: "short" });
      assert.equal(weak.statusCode, 400);
      assert.match(alert.exec(weak.body)?.[1] ?? "", /au moins 8 caractères/);
      const done = await browser.post("/password/reset/new", { password: newPassword });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /Votre mot de passe a été modifié/);
      assert.ok((await findRefreshToken(h.identity.ctx.db, refreshToken))?.revoked_at);

      const after = await signedIn.get("/account");
      assert.equal(after.statusCode, 303, "the session opened before the reset has ended");
      const old = new Browser(h.app, "fr");
      await old.get("/login");
      await old.post("/login", { email });
      assert.equal(
        (await old.post("/login/password", { email, password: demoPersonalAccount.password })).statusCode,
        400,
      );
      const fresh = await old.post("/login/password", { email, password: newPassword });
      assert.match(fresh.body, /Rester connecté/);
      await browser.get("/password/reset");
      const reused = await browser.post("/password/reset/new", { password: "Autre-Phrase-Secrete-77" });
      assert.equal(reused.statusCode, 400);
    });

    it("answers an unknown address exactly as a known one, and mails nothing", async () => {
      const known = await askForCode(new Browser(h.app, "en"), await addAccount("someone.else@example.org"));
      const unknown = new Browser(h.app, "en");
      const page = await askForCode(unknown, "nobody-here@example.org");
      assert.equal(page.statusCode, 200);
      assert.equal(
        status.exec(page.body)?.[1]?.replace("nobody-here@example.org", "X"),
        status.exec(known.body)?.[1]?.replace("someone.else@example.org", "X"),
      );
      assert.match(page.body, /If an account exists for this address, we sent a code/);
      const wrong = await unknown.post("/password/reset/code", { code: "123456" });
      assert.match(alert.exec(wrong.body)?.[1] ?? "", /That code is incorrect.*tries left: 4/);
      const mail = await h.app.inject({
        url: "/_dev/mail?to=nobody-here%40example.org",
        headers: { accept: "application/json" },
      });
      assert.deepEqual(mail.json(), []);
    });

    it("refuses a wrong code, then burns it after five tries", async () => {
      const browser = new Browser(h.app, "en");
      const address = await addAccount("tries@example.org");
      await askForCode(browser, address);
      const code = await waitForCode(address);
      const wrongCode = code === "000000" ? "111111" : "000000";
      for (let left = 4; left >= 1; left--) {
        const wrong = await browser.post("/password/reset/code", { code: wrongCode });
        assert.equal(wrong.statusCode, 400);
        assert.match(alert.exec(wrong.body)?.[1] ?? "", new RegExp(`tries left: ${left}`));
      }
      const fifth = await browser.post("/password/reset/code", { code: wrongCode });
      assert.match(alert.exec(fifth.body)?.[1] ?? "", /This code no longer works/);
      const right = await browser.post("/password/reset/code", { code });
      assert.match(alert.exec(right.body)?.[1] ?? "", /This code no longer works/);
      assert.equal((await browser.get("/password/reset/new")).statusCode, 400);
    });

    it("refuses an expired code", async () => {
      const browser = new Browser(h.app, "en");
      const address = await addAccount("late@example.org");
      await askForCode(browser, address);
      const code = await waitForCode(address);
      await h.identity.ctx.db
        .updateTable("email_code")
        .set({ expires_at: Date.now() - 1 })
        .where("address", "=", address)
        .execute();
      const late = await browser.post("/password/reset/code", { code });
      assert.equal(late.statusCode, 400);
      assert.match(alert.exec(late.body)?.[1] ?? "", /This code has expired/);
    });

    it("changes nothing when ending what the old password issued fails", async () => {
      const address = await addAccount("rollback@example.org");
      const db = h.identity.ctx.db;
      const before = await db
        .selectFrom("account")
        .select(["id", "password_hash"])
        .where("email_normalized", "=", address)
        .executeTakeFirstOrThrow();
      const signedIn = new Browser(h.app, "en");
      await signedIn.get("/login");
      await signedIn.post("/login", { email: address });
      await signedIn.post("/login/password", { email: address, password: "Ancien-Mot-De-Passe-12" });
      // Ending the old password's refresh tokens fails: their table is out of reach for a moment.
      await db.schema.alterTable("refresh_token").renameTo("refresh_token_away").execute();
      try {
        const browser = new Browser(h.app, "en");
        await askForCode(browser, address);
        await browser.post("/password/reset/code", { code: await waitForCode(address) });
        await browser.get("/password/reset/new");
        const failed = await browser.post("/password/reset/new", { password: newPassword });
        assert.equal(failed.statusCode, 500);
      } finally {
        await db.schema.alterTable("refresh_token_away").renameTo("refresh_token").execute();
      }
      const afterward = await db
        .selectFrom("account")
        .select("password_hash")
        .where("id", "=", before.id)
        .executeTakeFirstOrThrow();
      assert.equal(afterward.password_hash, before.password_hash);
      assert.equal((await signedIn.get("/account")).statusCode, 200, "the session is still open");
    });

    it("refuses the reset forms without their CSRF token", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/password/reset");
      const response = await browser.post("/password/reset", { email, _csrf: null });
      assert.equal(response.statusCode, 403);
    });
  });
}
