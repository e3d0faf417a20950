import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { recentSignInsOf } from "../account-page/account-activity-queries";
import { findAccountByEmail } from "../accounts/account-queries";
import { cliActor } from "../audit/audit-log";
import { seedIdentityDemo } from "../demo/demo-data";
import { requireReregistration } from "../directory/reregistration-operations";
import { setSecurityDefaults } from "../factors/security-defaults-operations";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";
import { TestAuthenticator } from "./passkey-test-authenticator";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const admin = { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" };
const plain = { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" };
const sidOf = (body: string) => /name="sid" value="([^"]+)"/.exec(body)?.[1] ?? "";
const challengeOf = (body: string) => /name="challenge" value="([^"]+)"/.exec(body)?.[1] ?? "";

/** Email, password, "Stay signed in? No": the page the sign-in lands on. */
async function signIn(browser: Browser, who: { email: string; password: string }, returnTo = "/account") {
  await browser.get(`/login?return=${encodeURIComponent(returnTo)}`);
  await browser.post("/login", { email: who.email, return: returnTo });
  const kmsi = await browser.post("/login/password", { ...who, return: returnTo });
  if (!kmsi.body.includes('name="answer"')) return kmsi;
  const next = /name="return" value="([^"]+)"/.exec(kmsi.body)?.[1]?.replace(/&amp;/g, "&") ?? returnTo;
  return browser.post("/login/kmsi", { sid: sidOf(kmsi.body), answer: "no", return: next });
}

async function addPasskey(browser: Browser, key: TestAuthenticator, sid: string, name: string) {
  await browser.get(`/account/security/passkeys?sid=${sid}`);
  const options = await browser.post("/account/security/passkeys/options", { sid });
  assert.equal(options.statusCode, 200);
  const json = options.json();
  return browser.post("/account/security/passkeys", {
    sid,
    name,
    webauthn_challenge: json.challenge,
    response: JSON.stringify(key.create(json)),
  });
}

async function passwordless(browser: Browser, key: TestAuthenticator) {
  await browser.get("/login");
  const options = (await browser.post("/login/passkey/options", {})).json();
  const answer = key.get(options);
  const response = await browser.post("/login/passkey", {
    webauthn_challenge: options.challenge,
    response: JSON.stringify(answer),
    return: "/account",
  });
  return { response, options, answer };
}

for (const target of await testTargets()) {
  describe(`passkeys: register, sign in without password, second factor (${target.label})`, () => {
    let h: IdentityHarness;
    let origin = "";
    const emmaKey = () => new TestAuthenticator(origin);
    let emma: TestAuthenticator;
    let sophieKey: TestAuthenticator;
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      await seedIdentityDemo(h.identity.ctx);
      origin = h.identity.ctx.origin;
      emma = emmaKey();
    });
    after(() => h.close());

    const sessionAmr = async (email: string) =>
      (
        await h.identity.ctx.db
          .selectFrom("sign_in_session as s")
          .innerJoin("account as a", "a.id", "s.account_id")
          .select(["s.amr"])
          .where("a.email_normalized", "=", email)
          .orderBy("s.created_at", "desc")
          .executeTakeFirstOrThrow()
      ).amr;

    it("registers a named passkey from the account page, lists it and mails the holder", async () => {
      const browser = new Browser(h.app, "en");
      const page = await signIn(browser, plain);
      const sid = sidOf((await browser.get(String(page.headers.location ?? "/account"))).body);
      const added = await addPasskey(browser, emma, sid, "Emma's phone");
      assert.equal(added.statusCode, 200, added.body);
      assert.match(added.body, /The passkey was added/);
      assert.match(added.body, /Emma&#39;s phone|Emma's phone/);
      const mail = await h.identity.ctx.db
        .selectFrom("mail_outbox")
        .select(["subject", "text_body"])
        .where("to_address", "=", plain.email)
        .where("subject", "in", [
          "A verification method was added to your Sésame account",
          "Une méthode de vérification a été ajoutée à votre compte Sésame",
        ])
        .executeTakeFirst();
      assert.ok(mail, "the holder is told a factor was added");
      assert.match(mail.text_body, /\/account\/not-me\?token=/);
    });

    it("signs in with the passkey and no password; the session's amr is fido and mfa", async () => {
      const account = await findAccountByEmail(h.identity.ctx.db, plain.email);
      const logged = async () => (await recentSignInsOf(h.identity.ctx.db, account!.id, 100)).length;
      const before = await logged();
      const browser = new Browser(h.app, "fr");
      const { response } = await passwordless(browser, emma);
      assert.ok([200, 303].includes(response.statusCode), response.body);
      assert.equal(await sessionAmr(plain.email), "fido mfa");
      assert.equal(
        await logged(),
        before + 1,
        "the account page's sign-in activity shows the passkey sign-in",
      );
    });

    it("refuses a replayed answer and a counter that did not grow", async () => {
      const browser = new Browser(h.app, "en");
      const first = await passwordless(browser, emma);
      const replay = await browser.post("/login/passkey", {
        webauthn_challenge: first.options.challenge,
        response: JSON.stringify(first.answer),
      });
      assert.equal(replay.statusCode, 400, "a challenge is used once");
      assert.match(replay.body, /wasn&#39;t recognised|wasn't recognised/);
      const options = (await browser.post("/login/passkey/options", {})).json();
      emma.counter -= 2;
      const cloned = await browser.post("/login/passkey", {
        webauthn_challenge: options.challenge,
        response: JSON.stringify(emma.get(options)),
      });
      assert.equal(cloned.statusCode, 400, "a counter lower than the stored one is a cloned key");
      emma.counter += 5;
    });

    it("asks the passkey after the password, and refuses a passkey of another account", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/login?return=%2Faccount");
      await browser.post("/login", { email: plain.email, return: "/account" });
      const factor = await browser.post("/login/password", { ...plain, return: "/account" });
      assert.match(factor.body, /Use a passkey/);
      const challenge = challengeOf(factor.body);
      // Sophie's own passkey, answered for Emma's sign-in.
      const sophieBrowser = new Browser(h.app, "en");
      sophieKey = emmaKey();
      const sophie = await signIn(sophieBrowser, admin);
      const sophieSid = sidOf((await sophieBrowser.get(String(sophie.headers.location ?? "/account"))).body);
      assert.equal((await addPasskey(sophieBrowser, sophieKey, sophieSid, "Sophie")).statusCode, 200);
      const options = (await browser.post("/login/passkey/options", { challenge })).json();
      assert.deepEqual(
        options.allowCredentials.map((c: { id: string }) => c.id),
        [emma.credentialId.toString("base64url")],
      );
      const refused = await browser.post("/login/factor/passkey", {
        challenge,
        webauthn_challenge: options.challenge,
        response: JSON.stringify(sophieKey.get(options)),
      });
      assert.equal(refused.statusCode, 400);
      const again = (await browser.post("/login/passkey/options", { challenge })).json();
      const ok = await browser.post("/login/factor/passkey", {
        challenge,
        webauthn_challenge: again.challenge,
        response: JSON.stringify(emma.get(again)),
      });
      assert.ok([200, 303].includes(ok.statusCode), ok.body);
      assert.equal(await sessionAmr(plain.email), "pwd fido mfa");
    });

    it("refuses to remove an administrator's only factor while security defaults are on", async () => {
      const db = h.identity.ctx.db;
      const { tenant_id } = await db
        .selectFrom("account")
        .select("tenant_id")
        .where("email_normalized", "=", admin.email)
        .executeTakeFirstOrThrow();
      await setSecurityDefaults(h.identity.ctx, cliActor, tenant_id, true);
      const browser = new Browser(h.app, "en");
      // Sophie signs in with her passkey (a second factor) and tries to remove it, her only one.
      await passwordless(browser, sophieKey);
      const page = await browser.get("/account/security/passkeys");
      const credential = sophieKey.credentialId.toString("base64url");
      const removed = await browser.post("/account/security/passkeys/remove", {
        sid: sidOf(page.body),
        credential,
      });
      assert.equal(removed.statusCode, 409);
      assert.match(removed.body, /administrator/i);
      await setSecurityDefaults(h.identity.ctx, cliActor, tenant_id, false);
      const allowed = await browser.post("/account/security/passkeys/remove", {
        sid: sidOf(page.body),
        credential,
      });
      assert.equal(allowed.statusCode, 200);
      assert.match(allowed.body, /The passkey was removed/);
    });

    it("an administrator's re-registration demand clears the factors and forces registration, no skipping", async () => {
      const db = h.identity.ctx.db;
      const user = await findAccountByEmail(db, plain.email);
      assert.ok(user);
      await requireReregistration(h.identity.ctx, cliActor, user);
      assert.equal(
        (await db.selectFrom("passkey").select("credential_id").where("account_id", "=", user.id).execute())
          .length,
        0,
      );
      const audit = await db
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "user.requireMfaReregistration")
        .execute();
      assert.equal(audit.length, 1);
      const browser = new Browser(h.app, "en");
      const landed = await signIn(browser, plain);
      assert.match(String(landed.headers.location), /^\/account\/security\/register\?/);
      const page = await browser.get(String(landed.headers.location));
      assert.doesNotMatch(page.body, /Skip for now/);
    });

    it("shows administrators who registered what, requires re-registration and switches security defaults", async () => {
      const db = h.identity.ctx.db;
      const browser = new Browser(h.app, "en");
      await signIn(browser, admin, "/admin");
      const page = await browser.get("/admin/authentication-methods");
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, /Security defaults/);
      assert.match(page.body, /emma\.petit@boulangerie-martin\.fr/);
      assert.match(page.body, /New registration required at next sign-in/, "Emma's pending re-registration");
      const user = await findAccountByEmail(db, plain.email);
      assert.ok(user);
      const before = (
        await db.selectFrom("audit_log").select("action").where("target", "=", plain.email).execute()
      ).length;
      const emmaAgain = await browser.post(`/admin/users/${user.id}/authentication/reregister`, {});
      assert.equal(emmaAgain.statusCode, 303);
      assert.match(String(emmaAgain.headers.location), /^\/admin\/users\//);
      const turnedOn = await browser.post("/admin/authentication-methods/security-defaults", {
        enabled: "1",
      });
      assert.equal(turnedOn.statusCode, 303);
      const row = await db
        .selectFrom("security_defaults")
        .select("enabled")
        .where("tenant_id", "=", user.tenant_id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.enabled), 1);
      const actions = await db
        .selectFrom("audit_log")
        .select("action")
        .where("target", "=", plain.email)
        .execute();
      assert.equal(actions.length, before + 1, "the demand is audited");
    });

    it("locks passkey sign-in with the passwords' counter: wrong passwords lock the passkey too", async () => {
      const email = "lanterne-lock@outlook.fr";
      const password = "Lanterne-Ardoise-63";
      await addPersonalAccount(h.identity.ctx.db, { email, password });
      const browser = new Browser(h.app, "en", "198.51.100.7");
      await signIn(browser, { email, password });
      const sid = sidOf((await browser.get("/account")).body);
      const key = emmaKey();
      assert.equal((await addPasskey(browser, key, sid, "Laptop")).statusCode, 200);
      const attacker = new Browser(h.app, "en", "198.51.100.7");
      await attacker.get("/login");
      for (let i = 0; i < 10; i++) {
        const wrong = await attacker.post("/login/password", { email, password: `wrong-${i}` });
        assert.ok([400, 429].includes(wrong.statusCode));
      }
      const { response } = await passwordless(attacker, key);
      assert.equal(response.statusCode, 429, "the source is locked for this account, whatever the factor");
      const elsewhere = new Browser(h.app, "en", "203.0.113.9");
      const { response: other } = await passwordless(elsewhere, key);
      assert.ok([200, 303].includes(other.statusCode), "another source is not locked out");
    });
  });
}
