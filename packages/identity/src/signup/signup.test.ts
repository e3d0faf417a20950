import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { addRedirectUri, createApplication } from "../apps/app-queries";
import { CONSUMER_TENANT_ID } from "../config";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import {
  fastSignupEnv,
  goodPassword,
  mailsTo,
  readCode,
  solvedAltcha,
  text,
  throughProfile,
  waitForMail,
} from "./signup-test-kit";

for (const target of await testTargets()) {
  describe(`free personal account sign-up, happy paths (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: fastSignupEnv });
    });
    after(() => h.close());

    it("creates an account in French from an existing address, through the emailed code", async () => {
      const browser = new Browser(h.app, "fr");
      const home = await browser.get("/");
      assert.match(home.body, /href="\/signup"[^>]*>Créer un compte Microsoft/);
      const profile = await throughProfile(browser, { email: "client.collaboratif@gmail.com" });
      assert.equal(profile.headers.location, "/signup/code");
      const page = await browser.get("/signup/code");
      assert.match(text(page.body), /Confirmer l'adresse courriel/);
      assert.match(page.body, /<strong>client\.collaboratif@gmail\.com<\/strong>/);
      assert.match(page.body, /Courriel indésirable/);
      assert.match(page.body, /<input type="checkbox" id="marketing" name="marketing" value="yes">/);
      assert.match(page.body, /href="\/terms">Contrat de services Microsoft/);
      assert.match(page.body, /href="\/privacy">déclaration sur la confidentialité et les cookies/);

      const code = await readCode(h, "client.collaboratif@gmail.com");
      const [mail] = await mailsTo(h, "client.collaboratif@gmail.com");
      assert.equal(mail?.subject, "Vérifier votre adresse courriel");
      assert.match(mail?.from ?? "", /Équipe des comptes Sésame/);
      assert.match(
        mail?.text ?? "",
        /Pour vérifier votre adresse courriel, utilisez ce code de sécurité : \d{6}/,
      );
      assert.match(mail?.text ?? "", /Si vous n'avez demandé aucun code, vous pouvez ignorer ce courriel/);
      assert.match(mail?.html ?? "", /<strong[^>]*>\d{6}<\/strong>/);

      const verified = await browser.post("/signup/code", { code, marketing: "yes" });
      assert.equal(verified.headers.location, "/signup/challenge");
      const challenge = await browser.get("/signup/challenge");
      assert.match(challenge.body, /<altcha-widget/);
      const done = await browser.post("/signup/challenge", { altcha: await solvedAltcha(browser) });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /Votre compte est prêt/);
      assert.ok(browser.cookie("__Host-session"));
      assert.equal(browser.cookie("__Host-signup"), undefined);

      const account = await h.identity.ctx.db
        .selectFrom("account")
        .selectAll()
        .where("email_normalized", "=", "client.collaboratif@gmail.com")
        .executeTakeFirstOrThrow();
      assert.equal(account.kind, "personal");
      assert.equal(account.tenant_id, "9188040d-6c67-4c5b-b112-36a304b66dad");
      assert.match(account.id, /^00000000-0000-0000-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(account.country, "FR");
      assert.equal(account.birth_date, "1990-04-12");
      assert.equal(account.language, "fr");
      assert.ok(account.email_verified_at);
      assert.ok(account.marketing_consent_at);
      assert.match(account.password_hash, /^\$argon2id\$/);
      assert.equal(account.display_name, "client collaboratif");

      const me = await browser.get("/account");
      assert.equal(me.statusCode, 200);
      assert.match(me.body, /client\.collaboratif@gmail\.com/);
      const welcome = await waitForMail(h, "client.collaboratif@gmail.com", /Bienvenue/);
      assert.equal(welcome.subject, "Bienvenue dans votre compte Microsoft");
    });

    it("creates an account in English with a new platform address, without a code, and shows its mailbox", async () => {
      const browser = new Browser(h.app, "en");
      const start = await browser.get("/signup?new=1");
      assert.match(start.body, /New email address/);
      const email = await browser.post("/signup/email", {
        mode: "new",
        name: "Lea.Martin",
        domain: "outlook.com",
      });
      assert.equal(email.statusCode, 303);
      const passwordPage = await browser.get("/signup/password");
      assert.match(passwordPage.body, /Create a password/);
      assert.match(passwordPage.body, /Show password/);
      await browser.post("/signup/password", { password: goodPassword });
      const profilePage = await browser.get("/signup/profile");
      assert.match(profilePage.body, /Country\/region/);
      assert.match(profilePage.body, /<option value="4">April<\/option>/);
      const profile = await browser.post("/signup/profile", {
        country: "GB",
        year: "1985",
        month: "7",
        day: "3",
      });
      assert.equal(profile.headers.location, "/signup/challenge");
      assert.equal((await browser.get("/signup/code")).headers.location, "/signup/challenge");
      await browser.get("/signup/challenge");
      const done = await browser.post("/signup/challenge", { altcha: await solvedAltcha(browser) });
      assert.match(done.body, /Your account is ready/);
      const account = await h.identity.ctx.db
        .selectFrom("account")
        .selectAll()
        .where("email_normalized", "=", "lea.martin@outlook.com")
        .executeTakeFirstOrThrow();
      assert.equal(account.language, "en");
      assert.ok(account.email_verified_at);
      assert.equal(account.marketing_consent_at, null);

      await waitForMail(h, "lea.martin@outlook.com", /Welcome/);
      const mailbox = await browser.get("/mail");
      assert.equal(mailbox.statusCode, 200);
      assert.match(mailbox.body, /Welcome to your Microsoft account/);
    });

    it("goes back to the address where the wizard was opened from a local return path", async () => {
      const browser = new Browser(h.app, "en");
      const start = await browser.get("/signup?return_url=%2Fportal%2Fnext&email=ret.path%40example.org");
      assert.match(start.body, /value="ret\.path@example\.org"/);
      await browser.post("/signup/email", {
        mode: "existing",
        email: "ret.path@example.org",
        return_url: "/portal/next",
      });
      await browser.get("/signup/password");
      await browser.post("/signup/password", { password: goodPassword });
      await browser.get("/signup/profile");
      await browser.post("/signup/profile", { country: "FR", year: "1980", month: "1", day: "1" });
      await browser.get("/signup/code");
      await browser.post("/signup/code", { code: await readCode(h, "ret.path@example.org") });
      await browser.get("/signup/challenge");
      const done = await browser.post("/signup/challenge", { altcha: await solvedAltcha(browser) });
      assert.equal(done.statusCode, 303, 'no "Continuer" to click');
      assert.equal(done.headers.location, "/portal/next");
      const account = await browser.get("/account");
      assert.equal(account.statusCode, 200, "the new account is signed in");
    });

    it("accepts an https return address only on the origin of a registered application", async () => {
      const app = await createApplication(h.identity.ctx.db, {
        displayName: "Portail",
        publisher: "Cabinet",
        signInAudience: "AzureADandPersonalMicrosoftAccount",
        tenantId: CONSUMER_TENANT_ID,
      });
      await addRedirectUri(h.identity.ctx.db, app.id, "https://portal.example:8444/YPN/authorize", "web");
      const browser = new Browser(h.app, "fr");
      const good = "https://portal.example:8444/YPN/onboarding/done?x=1";
      const page = await browser.get(`/signup?return_url=${encodeURIComponent(good)}`);
      assert.match(
        text(page.body),
        /name="return_url" value="https:\/\/portal\.example:8444\/YPN\/onboarding\/done\?x=1"/,
      );
      for (const bad of [
        "https://portal.example/YPN",
        "http://portal.example:8444/YPN",
        "https://portal.example:8444.evil.example/",
      ]) {
        const refused = await browser.get(`/signup?return_url=${encodeURIComponent(bad)}`);
        assert.doesNotMatch(refused.body, /name="return_url"/, bad);
      }
    });

    it("ignores a return address on another site", async () => {
      const browser = new Browser(h.app, "en");
      const start = await browser.get("/signup?return_url=https%3A%2F%2Fevil.example%2Fsteal");
      assert.doesNotMatch(start.body, /name="return_url"/);
      const slashes = await browser.get("/signup?return_url=%2F%2Fevil.example");
      assert.doesNotMatch(slashes.body, /name="return_url"/);
    });
  });
}
