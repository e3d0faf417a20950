import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import {
  fastSignupEnv,
  goodPassword,
  readCode,
  rowCounts,
  solvedAltcha,
  text,
  throughProfile,
} from "./signup-test-kit";

const alert = (body: string) => text(/role="alert">([\s\S]*?)<\/(p|div)>/.exec(body)?.[1] ?? "");

for (const target of await testTargets()) {
  describe(`sign-up refuses bad input clearly and writes nothing (${target.label})`, () => {
    let h: IdentityHarness;
    let n = 0;
    const address = () => `person${++n}.${target.label}@example.org`;
    before(async () => {
      h = await startTestIdentity(target, { env: fastSignupEnv });
    });
    after(() => h.close());

    it("refuses birth dates that do not exist or are in the future", async () => {
      const browser = new Browser(h.app, "fr");
      const before = await rowCounts(h);
      const february = await throughProfile(browser, { email: address(), birth: ["2001", "2", "31"] });
      assert.equal(february.statusCode, 400);
      assert.match(alert(february.body), /Cette date n'existe pas/);
      const future = await browser.post("/signup/profile", {
        country: "FR",
        year: String(new Date().getUTCFullYear() + 1),
        month: "1",
        day: "1",
      });
      assert.equal(future.statusCode, 400);
      assert.match(alert(future.body), /ne peut pas être dans le futur/);
      const counts = await rowCounts(h);
      assert.deepEqual({ ...counts, attempts: counts.attempts - 1 }, before);
      assert.equal((await browser.get("/signup/code")).headers.location, "/signup/profile");
    });

    it("stops a child under the country's age of consent and keeps nothing", async () => {
      const browser = new Browser(h.app, "fr");
      const before = await rowCounts(h);
      const year = new Date().getUTCFullYear() - 14;
      const child = await throughProfile(browser, {
        email: address(),
        country: "FR",
        birth: [String(year), "1", "1"],
      });
      assert.equal(child.statusCode, 403);
      assert.match(text(child.body), /Un parent doit créer votre compte/);
      assert.match(text(child.body), /moins de 15 ans/);
      assert.deepEqual(await rowCounts(h), before);
      assert.equal(browser.cookie("__Host-signup"), undefined);
    });

    it("refuses weak passwords, each with its reason", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/signup");
      await browser.post("/signup/email", { mode: "existing", email: "client.collaboratif@example.net" });
      await browser.get("/signup/password");
      const cases: [string, RegExp][] = [
        ["short1!", /at least 8 characters/],
        ["collaboratif-2024", /must not reuse your email address/],
        ["password123", /too common/],
        ["azertyuiop", /too easy to guess/],
      ];
      for (const [password, reason] of cases) {
        const refused = await browser.post("/signup/password", { password });
        assert.equal(refused.statusCode, 400, password);
        assert.match(alert(refused.body), reason, password);
      }
      const row = await h.identity.ctx.db
        .selectFrom("signup_attempt")
        .select("state")
        .orderBy("updated_at", "desc")
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(row.state).passwordHash, undefined);
      assert.equal((await browser.get("/signup/profile")).headers.location, "/signup/password");
    });

    it("refuses reserved new addresses and offers free ones for a taken address", async () => {
      const owner = new Browser(h.app, "fr");
      await owner.get("/signup");
      await owner.post("/signup/email", { mode: "new", name: "jeanne.roux", domain: "outlook.fr" });
      await owner.get("/signup/password");
      await owner.post("/signup/password", { password: goodPassword });
      await owner.get("/signup/profile");
      await owner.post("/signup/profile", { country: "FR", year: "1979", month: "5", day: "5" });
      await owner.get("/signup/challenge");
      await owner.post("/signup/challenge", { altcha: await solvedAltcha(owner) });

      const browser = new Browser(h.app, "fr");
      await browser.get("/signup?new=1");
      const before = await rowCounts(h);
      const reserved = await browser.post("/signup/email", {
        mode: "new",
        name: "postmaster",
        domain: "hotmail.fr",
      });
      assert.equal(reserved.statusCode, 400);
      assert.match(alert(reserved.body), /postmaster@hotmail.fr est réservée/);
      const taken = await browser.post("/signup/email", {
        mode: "new",
        name: "Jeanne.Roux",
        domain: "outlook.fr",
      });
      assert.equal(taken.statusCode, 409);
      assert.match(alert(taken.body), /jeanne.roux@outlook.fr n'est pas disponible/);
      assert.match(taken.body, /data-suggestion="jeanne\.roux[^"]+"/);
      assert.deepEqual(await rowCounts(h), before);

      const json = await browser.get("/signup/availability?name=jeanne.roux&domain=outlook.fr", {
        accept: "application/json",
      });
      const answer = json.json();
      assert.equal(answer.available, false);
      assert.equal(answer.reason, "taken");
      assert.ok(answer.suggestions.length >= 1);
      const admin = (
        await browser.get("/signup/availability?name=admin&domain=outlook.com", {
          accept: "application/json",
        })
      ).json();
      assert.equal(admin.reason, "reserved");
      const free = (
        await browser.get("/signup/availability?name=jeanne.roux.1&domain=outlook.fr", {
          accept: "application/json",
        })
      ).json();
      assert.equal(free.available, true);
    });

    it("tells plainly that an existing address already has an account, with sign-in and reset links", async () => {
      const first = new Browser(h.app, "en");
      const email = address();
      await throughProfile(first, { email });
      await first.get("/signup/code");
      await first.post("/signup/code", { code: await readCode(h, email) });
      await first.get("/signup/challenge");
      await first.post("/signup/challenge", { altcha: await solvedAltcha(first) });

      const browser = new Browser(h.app, "en");
      await browser.get("/signup");
      const before = await rowCounts(h);
      const taken = await browser.post("/signup/email", { mode: "existing", email: email.toUpperCase() });
      assert.equal(taken.statusCode, 409);
      assert.match(alert(taken.body), /is already a Microsoft account/);
      assert.match(
        taken.body,
        new RegExp(`href="/login\\?login_hint=${encodeURIComponent(email.toUpperCase())}"`),
      );
      assert.match(taken.body, /href="\/password\/reset\?login_hint=/);
      assert.deepEqual(await rowCounts(h), before);
    });

    it("accepts each anti-robot solution only once", async () => {
      const first = new Browser(h.app, "fr");
      const second = new Browser(h.app, "fr");
      for (const [browser, name] of [
        [first, "replay.un"],
        [second, "replay.deux"],
      ] as const) {
        await browser.get("/signup");
        await browser.post("/signup/email", { mode: "new", name, domain: "hotmail.com" });
        await browser.get("/signup/password");
        await browser.post("/signup/password", { password: goodPassword });
        await browser.get("/signup/profile");
        await browser.post("/signup/profile", { country: "FR", year: "1990", month: "1", day: "1" });
        await browser.get("/signup/challenge");
      }
      const payload = await solvedAltcha(first);
      assert.equal((await first.post("/signup/challenge", { altcha: payload })).statusCode, 200);
      const before = await rowCounts(h);
      const replay = await second.post("/signup/challenge", { altcha: payload });
      assert.equal(replay.statusCode, 409);
      assert.match(alert(replay.body), /Cette vérification a déjà servi/);
      const missing = await second.post("/signup/challenge", {});
      assert.equal(missing.statusCode, 400);
      assert.match(alert(missing.body), /Cochez « Je ne suis pas un robot »/);
      assert.deepEqual(await rowCounts(h), before);
    });

    it("refuses a step posted before the earlier ones are done", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/signup");
      await browser.post("/signup/email", { mode: "existing", email: address() });
      await browser.get("/signup/password");
      const before = await rowCounts(h);
      const forged = await browser.post("/signup/profile", {
        country: "FR",
        year: "1990",
        month: "1",
        day: "1",
      });
      assert.equal(forged.statusCode, 409);
      assert.match(
        alert(forged.body),
        /This step isn't available yet. First finish the step “Create a password”/,
      );
      await browser.get("/signup/password");
      const skipped = await browser.post("/signup/challenge", { altcha: "e30=" });
      assert.equal(skipped.statusCode, 409);
      assert.deepEqual(await rowCounts(h), before);
      const stranger = new Browser(h.app, "fr");
      await stranger.get("/signup");
      const none = await stranger.post("/signup/password", { password: goodPassword });
      assert.equal(none.statusCode, 409);
      assert.match(alert(none.body), /Aucune inscription n'est en cours/);
    });

    it("refuses a form posted without its CSRF token", async () => {
      const browser = new Browser(h.app, "fr");
      await browser.get("/signup");
      const before = await rowCounts(h);
      const response = await browser.post("/signup/email", {
        mode: "existing",
        email: address(),
        _csrf: null,
      });
      assert.equal(response.statusCode, 403);
      assert.match(alert(response.body), /Ce formulaire a expiré/);
      assert.deepEqual(await rowCounts(h), before);
    });

    it("says an attempt left for more than an hour has expired and starts again", async () => {
      const browser = new Browser(h.app, "fr");
      await browser.get("/signup");
      await browser.post("/signup/email", { mode: "existing", email: address() });
      await h.identity.ctx.db
        .updateTable("signup_attempt")
        .set({ expires_at: Date.now() - 1 })
        .execute();
      const page = await browser.get("/signup/password");
      assert.equal(page.headers.location, "/signup?expired=1");
      const restart = await browser.get("/signup?expired=1");
      assert.match(text(restart.body), /Votre inscription a expiré/);
      const late = await browser.post("/signup/password", { password: goodPassword });
      assert.equal(late.statusCode, 409);
    });

    it("refuses an address that mail servers would refuse (a quoted local part) before sending anything", async () => {
      const browser = new Browser(h.app, "en");
      await browser.get("/signup");
      const before = await rowCounts(h);
      const quoted = await browser.post("/signup/email", {
        mode: "existing",
        email: '"jean..dupont"@example.org',
      });
      assert.equal(quoted.statusCode, 400);
      assert.match(alert(quoted.body), /email address/i);
      assert.deepEqual(await rowCounts(h), before);
    });

    it("answers malformed input with a 400, never a server error", async () => {
      const browser = new Browser(h.app, "en");
      const twice = await browser.get("/signup/availability?name=a&name=b&domain=outlook.com", {
        accept: "application/json",
      });
      assert.equal(twice.statusCode, 400);
      await browser.get("/signup");
      const before = await rowCounts(h);
      const long = await browser.post("/signup/email", {
        mode: "existing",
        email: `${"x".repeat(300)}@example.org`,
      });
      assert.equal(long.statusCode, 400);
      assert.match(alert(long.body), /The request is not valid/);
      await browser.get("/signup");
      const mode = await browser.post("/signup/email", { mode: "other", email: "a@example.org" });
      assert.equal(mode.statusCode, 400);
      assert.deepEqual(await rowCounts(h), before);
    });
  });
}
