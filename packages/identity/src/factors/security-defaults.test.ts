import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { cliActor } from "../audit/audit-log";
import { seedIdentityDemo } from "../demo/demo-data";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { setSecurityDefaults } from "./security-defaults-operations";
import { totpCode } from "./totp-test-support";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const admin = { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" };
const plain = { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" };
const sidOf = (body: string) => /name="sid" value="([^"]+)"/.exec(body)?.[1] ?? "";
const returnOf = (body: string) =>
  /name="return" value="([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, "&") ?? "";

async function signIn(browser: Browser, who: { email: string; password: string }, returnTo = "/admin") {
  await browser.get(`/login?return=${encodeURIComponent(returnTo)}`);
  await browser.post("/login", { email: who.email, return: returnTo });
  return browser.post("/login/password", { ...who, return: returnTo });
}

for (const target of await testTargets()) {
  describe(`security defaults: administrators register and use a second factor (${target.label})`, () => {
    let h: IdentityHarness;
    let key = "";
    let recovery = "";
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    it("leaves the demo organization's administrators as they were while its defaults are off", async () => {
      const browser = new Browser(h.app, "en");
      const kmsi = await signIn(browser, admin);
      const back = await browser.post("/login/kmsi", {
        sid: sidOf(kmsi.body),
        answer: "no",
        return: "/admin",
      });
      const page = await browser.get(String(back.headers.location));
      assert.equal(page.statusCode, 200, "the admin centre opens on a password");
    });

    it("makes an administrator register at the next sign-in, then asks the code at the admin centre", async () => {
      const db = h.identity.ctx.db;
      const tenant = await db
        .selectFrom("account")
        .select("tenant_id")
        .where("email_normalized", "=", admin.email)
        .executeTakeFirstOrThrow();
      await setSecurityDefaults(h.identity.ctx, cliActor, tenant.tenant_id, true);

      const browser = new Browser(h.app, "en");
      const kmsi = await signIn(browser, admin);
      const sid = sidOf(kmsi.body);
      const interrupted = await browser.post("/login/kmsi", {
        sid,
        answer: "no",
        return: returnOf(kmsi.body),
      });
      assert.match(
        String(interrupted.headers.location),
        /^\/account\/security\/register\?return=%2Fadmin&sid=/,
      );
      const choice = await browser.get(String(interrupted.headers.location));
      assert.match(choice.body, /Add a passkey/);
      assert.doesNotMatch(choice.body, /Skip for now/, "administrators may not skip");
      const totpLink =
        /href="(\/account\/security\/totp\?[^"]+)"/.exec(choice.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
      const setup = await browser.get(totpLink);
      assert.match(setup.body, /Your organization requires two-step verification for administrators/);
      key = /data-totp-secret>([^<]+)</.exec(setup.body)?.[1] ?? "";
      const done = await browser.post("/account/security/totp", {
        sid,
        code: totpCode(key),
        return: "/admin",
      });
      recovery = /<li><code>([A-Z0-9-]+)<\/code><\/li>/.exec(done.body)?.[1] ?? "";
      const next = /href="([^"]+)">Continue</.exec(done.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
      assert.equal(next, `/admin?sid=${sid}`);
      assert.equal(
        (await browser.get("/admin")).statusCode,
        200,
        "registering proved the factor for this session",
      );

      // Another browser signing in to the admin centre: password, then the code.
      const other = new Browser(h.app, "en");
      const asked = await signIn(other, admin);
      assert.match(asked.body, /Verify your identity/);
    });

    it("sends a password-only session of an administrator to the code before the admin centre", async () => {
      // A session opened before the defaults applied to it: a password alone.
      const browser = new Browser(h.app, "en");
      const asked = await signIn(browser, admin);
      const challenge = /name="challenge" value="([^"]+)"/.exec(asked.body)?.[1] ?? "";
      const kmsi = await browser.post("/login/factor", {
        challenge,
        code: totpCode(key, Date.now() + 30_000),
      });
      const sid = sidOf(kmsi.body);
      await browser.post("/login/kmsi", { sid, answer: "no", return: "/admin" });
      await h.identity.ctx.db
        .updateTable("sign_in_session")
        .set({ amr: "pwd" })
        .where("id", "=", sid)
        .execute();
      const guarded = await browser.get("/admin");
      assert.equal(guarded.statusCode, 303);
      assert.match(String(guarded.headers.location), /^\/login\/factor\?sid=/);
    });

    it("refuses to remove the last factor of an administrator while the defaults require one", async () => {
      const browser = new Browser(h.app, "en");
      const asked = await signIn(browser, admin, "/account");
      // The app's codes of the next steps are used by the earlier tests; a recovery code signs in here.
      const challenge = /name="challenge" value="([^"]+)"/.exec(asked.body)?.[1] ?? "";
      const kmsi = await browser.post("/login/factor", { challenge, code: recovery });
      const sid = sidOf(kmsi.body);
      assert.ok(sid, kmsi.body);
      const refused = await browser.post("/account/security/totp/remove", { sid });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /this last method cannot be removed/);
      const still = await browser.get(`/account?sid=${sid}`);
      assert.match(still.body, /Authenticator app: on/);
    });

    it("lets a plain user skip registration for 14 days from the first interrupt, then not", async () => {
      const browser = new Browser(h.app, "en");
      const kmsi = await signIn(browser, plain, "/account");
      const back = await browser.post("/login/kmsi", {
        sid: sidOf(kmsi.body),
        answer: "no",
        return: returnOf(kmsi.body),
      });
      assert.match(String(back.headers.location), /^\/account\/security\/register\?return=%2Faccount&sid=/);
      const choice = await browser.get(String(back.headers.location));
      assert.match(choice.body, /Skip for now/);
      const skipped = await browser.post("/account/security/register/skip", {
        sid: sidOf(choice.body),
        return: "/account",
      });
      assert.match(String(skipped.headers.location), /^\/account\?sid=/);
      assert.equal((await browser.get(String(skipped.headers.location))).statusCode, 200);
      // Fifteen days after the first interrupt (its date moved back): no skipping, and tokens need it.
      const db = h.identity.ctx.db;
      const { id } = await db
        .selectFrom("account")
        .select("id")
        .where("email_normalized", "=", plain.email)
        .executeTakeFirstOrThrow();
      await db
        .updateTable("factor_registration")
        .set({ first_asked_at: Date.now() - 15 * 24 * 3600_000 })
        .where("account_id", "=", id)
        .execute();
      const later = new Browser(h.app, "en");
      const again = await signIn(later, plain, "/account");
      const forced = await later.post("/login/kmsi", {
        sid: sidOf(again.body),
        answer: "no",
        return: returnOf(again.body),
      });
      const page = await later.get(String(forced.headers.location));
      assert.doesNotMatch(page.body, /Skip for now/);
      const refused = await later.post("/account/security/register/skip", {
        sid: sidOf(page.body),
        return: "/account",
      });
      assert.equal(refused.statusCode, 403);
    });
  });
}
