import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";
import { totpCode } from "./totp-test-support";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const PASSWORD = "Correct-Horse-9-Battery";

async function signIn(browser: Browser, email: string, password = PASSWORD) {
  await browser.get("/login");
  await browser.post("/login", { email });
  return browser.post("/login/password", { email, password });
}

const challengeOf = (body: string) => /name="challenge" value="([^"]+)"/.exec(body)?.[1] ?? "";
const sidOf = (body: string) => /name="sid" value="([^"]+)"/.exec(body)?.[1] ?? "";

/** Signs in, sets up the authenticator app, returns its key and recovery codes. */
async function enrol(browser: Browser, email: string) {
  const kmsi = await signIn(browser, email);
  const sid = sidOf(kmsi.body);
  await browser.post("/login/kmsi", { sid, answer: "no" });
  const page = await browser.get(`/account/security/totp?sid=${sid}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<img src="data:image\/png;base64,[^"]+"/, "a QR code drawn by the library");
  const key = /data-totp-secret>([^<]+)</.exec(page.body)?.[1] ?? "";
  assert.match(key, /^[A-Z2-7 ]{32,}$/);
  const done = await browser.post("/account/security/totp", { sid, code: totpCode(key) });
  assert.equal(done.statusCode, 200);
  const codes = [...done.body.matchAll(/<li><code>([A-Z0-9-]+)<\/code><\/li>/g)].map((m) => m[1] ?? "");
  return { key, codes, sid };
}

for (const target of await testTargets()) {
  describe(`authenticator app (TOTP) (${target.label})`, () => {
    let h: IdentityHarness;
    let n = 0;
    const newAccount = async () => {
      const email = `totp-${++n}@outlook.fr`;
      await addPersonalAccount(h.identity.ctx.db, { email, password: PASSWORD });
      return email;
    };
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
    });
    after(() => h.close());

    it("is enabled only by a first right code, then shows ten recovery codes once", async () => {
      const email = await newAccount();
      const browser = new Browser(h.app, "en");
      const kmsi = await signIn(browser, email);
      const sid = sidOf(kmsi.body);
      await browser.post("/login/kmsi", { sid, answer: "no" });
      const page = await browser.get(`/account/security/totp?sid=${sid}`);
      const key = /data-totp-secret>([^<]+)</.exec(page.body)?.[1] ?? "";
      const wrong = await browser.post("/account/security/totp", { sid, code: "000000" });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /That code is wrong/);
      // Not enabled yet: a new sign-in asks for no code.
      const earlier = new Browser(h.app, "en");
      const again = await signIn(earlier, email);
      assert.match(again.body, /Stay signed in\?/);
      await earlier.post("/login/kmsi", { sid: sidOf(again.body), answer: "no" });
      const done = await browser.post("/account/security/totp", { sid, code: totpCode(key) });
      assert.match(done.body, /Authenticator app turned on/);
      const codes = [...done.body.matchAll(/<li><code>([A-Z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
      assert.equal(new Set(codes).size, 10);
      const rows = await h.identity.ctx.db.selectFrom("recovery_code").selectAll().execute();
      for (const code of codes) {
        assert.ok(!rows.some((r) => r.code_hash.includes(code ?? "")), "codes are stored hashed");
      }
      const account = await browser.get(`/account?sid=${sid}`);
      assert.match(account.body, /Authenticator app: on \(10 recovery codes left\)/);
      assert.doesNotMatch(account.body, /<li><code>/, "the codes are not shown again");
      const mails = await h.identity.ctx.db
        .selectFrom("mail_outbox")
        .select(["subject", "text_body"])
        .where("to_address", "=", email)
        .execute();
      const added = mails.find((m) =>
        /verification method was added|méthode de vérification a été ajoutée/.test(m.subject),
      );
      assert.ok(added, "the holder is told an authenticator app was added");
      assert.match(added.text_body, /\/account\/not-me\?token=/);
      // A session opened by a password alone (before the app) cannot remove it: the code first.
      const removal = await earlier.post("/account/security/totp/remove", { sid: sidOf(again.body) });
      assert.equal(removal.statusCode, 303);
      assert.match(String(removal.headers.location), /^\/login\/factor\?sid=/);
      assert.ok(await h.identity.ctx.db.selectFrom("totp_factor").select("account_id").executeTakeFirst());
    });

    it("asks for the code after the password; a wrong, an old or a replayed code is refused", async () => {
      const email = await newAccount();
      const { key } = await enrol(new Browser(h.app, "en"), email);
      const browser = new Browser(h.app, "en");
      const step = await signIn(browser, email);
      assert.equal(step.statusCode, 200);
      assert.match(step.body, /Verify your identity/);
      assert.doesNotMatch(step.body, /Stay signed in/, "no session before the second factor");
      const challenge = challengeOf(step.body);
      const wrong = await browser.post("/login/factor", { challenge, code: "123456" });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /That code is wrong or was already used/);
      const old = await browser.post("/login/factor", {
        challenge,
        code: totpCode(key, Date.now() - 5 * 60_000),
      });
      assert.equal(old.statusCode, 400, "a code five minutes old is out of the window");
      // The current step was used to turn the app on: the app's next code (within the window) signs in.
      const code = totpCode(key, Date.now() + 30_000);
      const right = await browser.post("/login/factor", { challenge, code });
      assert.match(right.body, /Stay signed in\?/);
      const sid = sidOf(right.body);
      const session = await h.identity.ctx.db
        .selectFrom("sign_in_session")
        .select("amr")
        .where("id", "=", sid)
        .executeTakeFirstOrThrow();
      assert.equal(session.amr, "pwd otp mfa");
      const other = new Browser(h.app, "en");
      const replay = await other.post("/login/factor", {
        challenge: challengeOf((await signIn(other, email)).body),
        code,
      });
      assert.equal(replay.statusCode, 400, "the same code twice is refused");
      const reused = await browser.post("/login/factor", { challenge, code: "000000" });
      assert.equal(reused.statusCode, 400, "a used challenge opens nothing");
      assert.match(reused.body, /This sign-in step has expired/);
    });

    it("accepts each recovery code once", async () => {
      const email = await newAccount();
      const { codes } = await enrol(new Browser(h.app, "fr"), email);
      const recovery = (codes[3] ?? "").toLowerCase();
      const first = new Browser(h.app, "fr");
      const used = await first.post("/login/factor", {
        challenge: challengeOf((await signIn(first, email)).body),
        code: recovery,
      });
      assert.match(used.body, /Rester connecté/);
      const second = new Browser(h.app, "fr");
      const again = await second.post("/login/factor", {
        challenge: challengeOf((await signIn(second, email)).body),
        code: recovery,
      });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /Ce code est incorrect ou a déjà été utilisé/);
    });

    it("locks wrong codes with the passwords' counter: the password step is locked too", async () => {
      const email = await newAccount();
      const { key } = await enrol(new Browser(h.app, "en"), email);
      const browser = new Browser(h.app, "en");
      const challenge = challengeOf((await signIn(browser, email)).body);
      let last = await browser.post("/login/factor", { challenge, code: "000000" });
      for (let i = 1; i < 10 && last.statusCode === 400; i++) {
        last = await browser.post("/login/factor", { challenge, code: "000000" });
      }
      assert.equal(last.statusCode, 429, "ten wrong codes lock like ten wrong passwords");
      const right = await browser.post("/login/factor", { challenge, code: totpCode(key) });
      assert.equal(right.statusCode, 429, "the right code does not help while locked");
      const password = await signIn(new Browser(h.app, "en"), email);
      assert.equal(password.statusCode, 429, "the password step of that account is locked as well");
    });
  });
}
