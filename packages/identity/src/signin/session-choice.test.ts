import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { LightMyRequestResponse } from "fastify";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { PERSISTENT_MS, TRANSIENT_MS } from "../sessions/sessions";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const second = { email: "lea.petit@gmail.com", password: "Cerisier-Velo-93" };
const sidOf = (response: LightMyRequestResponse) =>
  /name="sid" value="([^"]+)"/.exec(response.body)?.[1] ?? "";
const sessionCookie = (response: LightMyRequestResponse) =>
  response.cookies.find((c) => c.name === "__Host-session");

async function addSecondAccount(h: IdentityHarness) {
  await addPersonalAccount(h.identity.ctx.db, { ...second, displayName: "Léa Petit" });
}

/** Email, password, then the "Stay signed in?" answer; returns the final redirect. */
async function signIn(
  browser: Browser,
  who: { email: string; password: string },
  options: { returnTo?: string; answer?: "yes" | "no"; prompt?: string } = {},
) {
  const extra: Record<string, string> = options.returnTo ? { return: options.returnTo } : {};
  const prompt: Record<string, string> = options.prompt ? { prompt: options.prompt } : {};
  await browser.get(`/login?${new URLSearchParams({ ...extra, ...prompt })}`);
  await browser.post("/login", { email: who.email, ...extra, ...prompt });
  const kmsi = await browser.post("/login/password", { email: who.email, password: who.password, ...extra });
  assert.match(kmsi.body, /Stay signed in\?|Rester connecté \?/);
  return browser.post("/login/kmsi", { sid: sidOf(kmsi), answer: options.answer ?? "no", ...extra });
}

for (const target of await testTargets()) {
  describe(`"Stay signed in?" and the account picker (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fast });
      await seedIdentityDemo(h.identity.ctx);
      await addSecondAccount(h);
    });
    after(() => h.close());

    const expiryOf = async (sid: string) => {
      const row = await h.identity.ctx.db
        .selectFrom("sign_in_session")
        .select(["expires_at", "created_at"])
        .where("id", "=", sid)
        .executeTakeFirstOrThrow();
      return Number(row.expires_at) - Number(row.created_at);
    };
    const sidIn = (location: unknown) => new URL(String(location), "https://x").searchParams.get("sid") ?? "";

    it("keeps the browser signed in after Yes, across browser restarts", async () => {
      const browser = new Browser(h.app, "en");
      const done = await signIn(browser, demoPersonalAccount, { answer: "yes" });
      assert.equal(sessionCookie(done)?.maxAge, PERSISTENT_MS / 1000);
      assert.ok((await expiryOf(sidIn(done.headers.location))) >= PERSISTENT_MS - 60_000);
    });

    it("ends the session with the browser after No", async () => {
      const browser = new Browser(h.app, "en");
      const done = await signIn(browser, demoPersonalAccount, { answer: "no" });
      const cookie = sessionCookie(done);
      assert.ok(cookie?.value);
      assert.equal(cookie.maxAge, undefined);
      const lifetime = await expiryOf(sidIn(done.headers.location));
      assert.ok(lifetime >= TRANSIENT_MS && lifetime < TRANSIENT_MS + 60_000);
    });

    it("does not ask again once told not to show the question", async () => {
      const credentials = { email: demoPersonalAccount.email, password: demoPersonalAccount.password };
      const browser = new Browser(h.app, "fr");
      await browser.get("/login");
      await browser.post("/login", { email: demoPersonalAccount.email });
      const kmsi = await browser.post("/login/password", credentials);
      assert.match(kmsi.body, /Ne plus afficher ce message/);
      await browser.post("/login/kmsi", { sid: sidOf(kmsi), answer: "yes", dont_show: "1" });
      await browser.post("/logout", {});
      await browser.get("/login");
      await browser.post("/login", { email: demoPersonalAccount.email });
      const again = await browser.post("/login/password", credentials);
      assert.equal(again.statusCode, 303);
      assert.equal(sessionCookie(again)?.maxAge, PERSISTENT_MS / 1000);
    });

    it("refuses an answer for a session this browser does not hold", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/login");
      const response = await browser.post("/login/kmsi", { sid: "not-a-session", answer: "yes" });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Sign in again/);
    });

    it("returns to the OAuth request with the session id once signed in", async () => {
      const browser = new Browser(h.app, "en");
      const returnTo = "/common/oauth2/v2.0/authorize?client_id=abc&state=xyz";
      const done = await signIn(browser, demoPersonalAccount, { returnTo });
      assert.match(
        String(done.headers.location),
        /^\/common\/oauth2\/v2\.0\/authorize\?client_id=abc&state=xyz&sid=[0-9a-f-]{36}$/,
      );
    });

    it("lists both accounts of the browser and returns with the chosen one's sid", async () => {
      const browser = new Browser(h.app, "fr");
      const first = await signIn(browser, demoPersonalAccount);
      const other = await signIn(browser, second);
      const returnTo = "/resume?request=42";
      const picker = await browser.get(`/select-account?return=${encodeURIComponent(returnTo)}`);
      assert.match(picker.body, /Choisir un compte/);
      assert.match(picker.body, /camille\.durand@outlook\.fr/);
      assert.match(picker.body, /lea\.petit@gmail\.com/);
      assert.match(picker.body, /Utiliser un autre compte/);
      for (const location of [first.headers.location, other.headers.location]) {
        const sid = sidIn(location);
        const chosen = await browser.post("/select-account", { sid, return: returnTo });
        assert.equal(chosen.headers.location, `/resume?request=42&sid=${sid}`);
      }
      const page = await browser.get(`/account?sid=${sidIn(first.headers.location)}`);
      assert.match(page.body, /camille\.durand@outlook\.fr/);
    });

    it("signs one account out from the picker and keeps the other", async () => {
      const browser = new Browser(h.app, "en");
      const first = await signIn(browser, demoPersonalAccount);
      await signIn(browser, second);
      await browser.get("/select-account");
      const out = await browser.post("/select-account/signout", { sid: sidIn(first.headers.location) });
      assert.equal(out.headers.location, "/select-account");
      const picker = await browser.get("/select-account");
      assert.doesNotMatch(picker.body, /camille\.durand/);
      assert.match(picker.body, /lea\.petit@gmail\.com/);
      const stale = await browser.post("/select-account", {
        sid: sidIn(first.headers.location),
        return: "/x",
      });
      assert.equal(stale.headers.location, "/select-account?return=%2Fx");
    });

    it("skips the password for an account already signed in, unless prompt=login", async () => {
      const browser = new Browser(h.app, "en");
      const first = await signIn(browser, demoPersonalAccount, { returnTo: "/back" });
      await browser.get("/login?return=%2Fback");
      const sso = await browser.post("/login", { email: demoPersonalAccount.email, return: "/back" });
      assert.equal(sso.headers.location, first.headers.location);

      await browser.get("/login?return=%2Fback&prompt=login");
      const asked = await browser.post("/login", {
        email: demoPersonalAccount.email,
        return: "/back",
        prompt: "login",
      });
      assert.match(asked.body, /Enter password/);
      const fresh = await signIn(browser, demoPersonalAccount, { returnTo: "/back", prompt: "login" });
      assert.notEqual(sidIn(fresh.headers.location), sidIn(first.headers.location));
      const picker = await browser.get("/select-account");
      assert.equal(picker.body.split("camille.durand@outlook.fr").length - 1 > 0, true);
      assert.doesNotMatch(picker.body, new RegExp(sidIn(first.headers.location)));
    });

    it("sends the picker to the login page when nobody is signed in", async () => {
      const browser = new Browser(h.app, "en");
      const response = await browser.get("/select-account?return=%2Fback");
      assert.equal(response.headers.location, "/login?return=%2Fback");
    });

    it("signs every account of the browser out", async () => {
      const browser = new Browser(h.app, "en");
      await signIn(browser, demoPersonalAccount);
      await signIn(browser, second);
      await browser.get("/account");
      const out = await browser.post("/logout", {});
      assert.match(out.body, /You have signed out/);
      const account = await browser.get("/account");
      assert.equal(account.statusCode, 303);
    });
  });
}
