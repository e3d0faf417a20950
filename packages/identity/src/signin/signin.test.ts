import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { hashPassword } from "../accounts/password-hash";
import { type DemoAccount, demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const alert = /role="alert">([^<]+)</;
const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };

/** Email then password, as a person would type them; returns the last response. */
export async function signIn(browser: Browser, email: string, password: string, returnTo?: string) {
  await browser.get(returnTo ? `/login?return=${encodeURIComponent(returnTo)}` : "/login");
  await browser.post("/login", { email, ...(returnTo ? { return: returnTo } : {}) });
  return browser.post("/login/password", { email, password, ...(returnTo ? { return: returnTo } : {}) });
}

for (const target of await testTargets()) {
  describe(`sign-in with email then password (${target.label})`, () => {
    let h: IdentityHarness;
    let work: DemoAccount = demoPersonalAccount;
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      const demo = await seedIdentityDemo(h.identity.ctx);
      const emma = demo.find((a) => a.email === "emma.petit@boulangerie-martin.fr");
      assert.ok(emma, "the demo organization Boulangerie Martin has a plain user");
      work = emma;
    });
    after(() => h.close());

    for (const [language, kmsi, account] of [
      ["fr", /Rester connecté/, /Votre compte/],
      ["en", /Stay signed in\?/, /Your account/],
    ] as const) {
      it(`signs a personal account in and shows its account page (${language})`, async () => {
        const browser = new Browser(h.app, language);
        const done = await signIn(browser, demoPersonalAccount.email, demoPersonalAccount.password);
        assert.equal(done.statusCode, 200);
        assert.match(done.body, kmsi);
        const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
        const answered = await browser.post("/login/kmsi", { sid, answer: "no" });
        assert.equal(answered.statusCode, 303);
        assert.equal(answered.headers.location, `/account?sid=${sid}`);
        const page = await browser.get(answered.headers.location as string);
        assert.match(page.body, account);
        assert.match(page.body, /camille\.durand@outlook\.fr/);
        assert.match(page.body, /href="\/mail"/, "an address on the platform's own domains has a mailbox");
      });
    }

    it("offers no mailbox link to an address of another provider", async () => {
      const browser = new Browser(h.app, "en");
      const kmsi = await signIn(browser, work.email, work.password);
      const sid = /name="sid" value="([^"]+)"/.exec(kmsi.body)?.[1] ?? "";
      await browser.post("/login/kmsi", { sid, answer: "no" });
      const page = await browser.get(`/account?sid=${sid}`);
      assert.match(page.body, /emma\.petit@boulangerie-martin\.fr/);
      assert.doesNotMatch(page.body, /href="\/mail"/);
    });

    it("shows the French wording of the login page", async () => {
      const browser = new Browser(h.app, "fr");
      const page = await browser.get("/login?login_hint=someone%40example.org");
      assert.match(page.body, /<h1>Se connecter<\/h1>/);
      assert.match(page.body, /Adresse courriel, téléphone ou identifiant Skype/);
      assert.match(page.body, />Suivant</);
      assert.match(page.body, /value="someone@example.org"/);
      const step = await browser.post("/login", { email: "someone@example.org" });
      assert.match(step.body, /Entrez le mot de passe/);
      assert.match(step.body, /Mot de passe oublié \?/);
      assert.match(step.body, /Compte Microsoft personnel/);
    });

    it("sends a work address to its organization's sign-in", async () => {
      const browser = new Browser(h.app, "fr");
      await browser.get("/login");
      const step = await browser.post("/login", { email: work.email });
      assert.match(step.body, /Boulangerie Martin/);
      assert.match(step.body, /Connectez-vous avec votre compte professionnel/);
      const done = await browser.post("/login/password", {
        email: work.email,
        password: work.password,
      });
      assert.match(done.body, /Rester connecté/);
    });

    it("goes straight to the organization named by domain_hint", async () => {
      const browser = new Browser(h.app, "en");
      const page = await browser.get("/login?domain_hint=boulangerie-martin.fr&return=%2Fx");
      assert.match(page.body, /Boulangerie Martin/);
      assert.match(page.body, /Sign in with your work account/);
      const unknown = await browser.get("/login?domain_hint=unknown.example");
      assert.doesNotMatch(unknown.body, /work account/);
    });

    it("answers a wrong password and an unknown account with the same words", async () => {
      const wrong = await signIn(new Browser(h.app, "en"), demoPersonalAccount.email, "nope-nope-nope");
      const unknown = await signIn(new Browser(h.app, "en"), "nobody@example.org", "nope-nope-nope");
      assert.equal(wrong.statusCode, 400);
      assert.equal(unknown.statusCode, 400);
      assert.equal(alert.exec(wrong.body)?.[1], alert.exec(unknown.body)?.[1]);
      assert.match(wrong.body, /Your account or password is incorrect/);
    });

    it("refuses a disabled account once its password is right, and only then", async () => {
      const db = h.identity.ctx.db;
      await db
        .updateTable("account")
        .set({ enabled: 0 })
        .where("email_normalized", "=", work.email)
        .execute();
      try {
        const wrong = await signIn(new Browser(h.app, "en"), work.email, "not-the-password");
        assert.match(wrong.body, /Your account or password is incorrect/);
        const right = await signIn(new Browser(h.app, "en"), work.email, work.password);
        assert.equal(right.statusCode, 403);
        assert.match(right.body, /The user account is disabled/);
      } finally {
        await db
          .updateTable("account")
          .set({ enabled: 1 })
          .where("email_normalized", "=", work.email)
          .execute();
      }
    });

    it("asks for a new password at sign-in when the administrator requires it", async () => {
      const db = h.identity.ctx.db;
      const email = work.email;
      await db
        .updateTable("account")
        .set({ must_change_password: 1 })
        .where("email_normalized", "=", email)
        .execute();
      const browser = new Browser(h.app, "en");
      const page = await signIn(browser, email, work.password, "/after");
      assert.match(page.body, /Update your password/);
      assert.equal(browser.cookie("__Host-session"), undefined, "no session before the new password");
      const update = (password: string, confirm: string) =>
        browser.post("/login/update-password", {
          email,
          current: work.password,
          password,
          confirm,
          return: "/after",
        });
      const mismatch = await update("Pétrin-Levain-Croûte-88", "Pétrin-Levain-Croûte-89");
      assert.equal(mismatch.statusCode, 400);
      assert.match(alert.exec(mismatch.body)?.[1] ?? "", /The passwords don&#39;t match/);
      const weak = await update("azerty", "azerty");
      assert.equal(weak.statusCode, 400);
      const done = await update("Pétrin-Levain-Croûte-88", "Pétrin-Levain-Croûte-88");
      assert.match(done.body, /Stay signed in\?/);
      const row = await db
        .selectFrom("account")
        .select("must_change_password")
        .where("email_normalized", "=", email)
        .executeTakeFirstOrThrow();
      assert.equal(row.must_change_password, 0);
      const again = await signIn(new Browser(h.app, "en"), email, "Pétrin-Levain-Croûte-88");
      assert.match(again.body, /Stay signed in\?/);
      await db
        .updateTable("account")
        .set({
          password_hash: await hashPassword(work.password, {
            memoryKib: 1024,
            timeCost: 1,
            parallelism: 1,
          }),
        })
        .where("email_normalized", "=", email)
        .execute();
    });

    it("asks again for an address that is not one", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/login");
      const response = await browser.post("/login", { email: "not an address" });
      assert.equal(response.statusCode, 400);
      assert.match(alert.exec(response.body)?.[1] ?? "", /Enter a valid email address/);
    });

    it("refuses a form posted without its CSRF token", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/login");
      const response = await browser.post("/login", { email: demoPersonalAccount.email, _csrf: null });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /This form has expired/);
      const password = await browser.post("/login/password", {
        email: demoPersonalAccount.email,
        password: "x",
        _csrf: null,
      });
      assert.equal(password.statusCode, 403);
    });

    it("never follows a return address to another site", async () => {
      for (const attempt of [
        "//evil.example/steal",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
      ]) {
        const browser = new Browser(h.app);
        const kmsi = await signIn(browser, demoPersonalAccount.email, demoPersonalAccount.password, attempt);
        const sid = /name="sid" value="([^"]+)"/.exec(kmsi.body)?.[1] ?? "";
        const done = await browser.post("/login/kmsi", { sid, answer: "no", return: attempt });
        assert.equal(done.headers.location, `/account?sid=${sid}`, attempt);
        await browser.get("/select-account");
        const picked = await browser.post("/select-account", { sid, return: attempt });
        assert.equal(picked.headers.location, `/account?sid=${sid}`, attempt);
      }
    });
  });
}
