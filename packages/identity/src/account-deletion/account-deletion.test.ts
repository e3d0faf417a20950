import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findAccountByEmail } from "../accounts/account-queries";
import { normalizeEmail } from "../accounts/email";
import { startIdentityJobs } from "../identity-jobs";
import { lockoutSubject } from "../lockout/lockout";
import { appRefreshToken, codeFlowHelpers, startCodeFlow, type TestClient } from "../oauth/testing/code-flow";
import { deliveredMail } from "../testing/delivered-mail";
import { Browser, type IdentityHarness } from "../testing/identity-harness";
import { personalDataLeft } from "../testing/personal-data-walk";
import { addPersonalAccount } from "../testing/test-accounts";

const PASSWORD = "Galet-Marine-93";

for (const target of await testTargets()) {
  describe(`closing a personal account, reopening it, erasure after 30 days (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());
    const flow = codeFlowHelpers(() => ({ h, client }));
    const ctx = () => h.identity.ctx;
    let serial = 0;

    /** A new personal account with a platform address (its mail lands in its own mailbox). */
    async function newAccount(displayName = "Zéphyrine Quillard", local = "zephyrine.quillard") {
      serial++;
      const email = `${local}${serial}@outlook.fr`;
      const id = await addPersonalAccount(ctx().db, { email, password: PASSWORD, displayName });
      return { email, id };
    }

    /** Signs in through the pages; a closing account gets the reopen offer instead of a session. */
    async function signInAs(email: string, ip = "127.0.0.1", returnTo?: string) {
      const browser = new Browser(h.app, "fr", ip);
      await browser.get("/login");
      await browser.post("/login", { email, ...(returnTo ? { return: returnTo } : {}) });
      const page = await browser.post("/login/password", {
        email,
        password: PASSWORD,
        ...(returnTo ? { return: returnTo } : {}),
      });
      const sid = /name="sid" value="([^"]+)"/.exec(page.body)?.[1];
      const done = sid
        ? await browser.post("/login/kmsi", { sid, answer: "no", ...(returnTo ? { return: returnTo } : {}) })
        : page;
      return { browser, page, done };
    }

    /** The closing's security mail, once the outbox has delivered it. */
    async function closingMail(email: string) {
      for (let tries = 0; tries < 100; tries++) {
        const mail = await deliveredMail(ctx(), email);
        if (mail.subject === "Fermeture de votre compte Sésame") return mail;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no closing mail for ${email}`);
    }

    async function close(browser: Browser, form: Record<string, string> = {}) {
      const page = await browser.get("/account/close");
      assert.equal(page.statusCode, 200);
      const sid = String(/name="sid" value="([^"]+)"/.exec(page.body)?.[1]);
      return browser.post("/account/close", { sid, password: PASSWORD, confirm: "yes", ...form });
    }

    /** A runner on identity's jobs with its clock `days` ahead: what runs once the grace is over. */
    async function runJobsAfter(days: number) {
      const runner = startIdentityJobs(ctx(), { now: () => Date.now() + days * DAY_MS, timer: false });
      try {
        return await runner.runOnce();
      } finally {
        await runner.stop();
      }
    }

    it("asks for the password and a tick, and a wrong or missing one closes nothing", async () => {
      const { email } = await newAccount();
      const { browser } = await signInAs(email);
      const account = await browser.get("/account");
      assert.match(account.body, /Fermer votre compte/);
      const page = await browser.get("/account/close");
      assert.match(page.body, /Jusqu&#39;au \d+ \p{L}+ \d{4}, vous pourrez rouvrir votre compte/u);
      const noTick = await close(browser, { confirm: "" });
      assert.equal(noTick.statusCode, 400);
      assert.match(noTick.body, /Cochez la case pour confirmer/);
      const wrong = await close(browser, { password: "not-the-password" });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Mot de passe incorrect\./);
      const stored = await findAccountByEmail(ctx().db, email);
      assert.equal(stored?.deletion_due_at, null);
      assert.equal((await browser.get("/account")).statusCode, 200, "still signed in");
    });

    it("ends every session and refresh token at once, mails the holder, and offers to reopen at sign-in", async () => {
      const { email } = await newAccount();
      const { browser } = await signInAs(email);
      const other = await signInAs(email, "192.0.2.30");
      const refreshToken = await appRefreshToken(flow, browser);
      const closed = await close(browser);
      assert.equal(closed.statusCode, 200);
      assert.match(
        closed.body,
        /role="status">Le compte zephyrine\.quillard\d+@outlook\.fr sera supprimé définitivement le/,
      );
      const stored = await findAccountByEmail(ctx().db, email);
      assert.ok(stored?.deletion_due_at);
      const due = Number(stored.deletion_due_at) - Number(stored.deletion_requested_at);
      assert.equal(due, 30 * DAY_MS);
      assert.equal((await browser.get("/account")).statusCode, 303, "signed out here");
      assert.equal((await other.browser.get("/account")).statusCode, 303, "and on the other device");
      assert.equal((await flow.refresh(refreshToken)).status, 400, "the app lost its refresh token");
      const mail = await closingMail(email);
      assert.match(mail.text_body ?? "", /sera supprimé définitivement le/);
      assert.match(mail.text_body ?? "", /account\/not-me\?token=/);

      // Signing in again: the right password leads to the offer, not to a session.
      const again = await signInAs(email);
      assert.match(again.page.body, /Rouvrir votre compte \?/);
      assert.equal((await again.browser.get("/account")).statusCode, 303);
      const token = String(/name="token" value="([^"]+)"/.exec(again.page.body)?.[1]);
      const csrf = again.browser.csrfToken ?? "";
      const kept = await again.browser.post("/login/reopen", { token, answer: "keep" });
      assert.match(kept.body, /Votre compte reste fermé/);
      assert.equal((await again.browser.get("/account")).statusCode, 303);
      const replay = await again.browser.post("/login/reopen", { token, answer: "reopen", _csrf: csrf });
      assert.equal(replay.statusCode, 400, "an answered offer is used up");
      assert.ok((await findAccountByEmail(ctx().db, email))?.deletion_due_at);

      const third = await signInAs(email);
      const reopenToken = String(/name="token" value="([^"]+)"/.exec(third.page.body)?.[1]);
      const reopened = await third.browser.post("/login/reopen", { token: reopenToken, answer: "reopen" });
      assert.equal(reopened.statusCode, 200, "then the usual 'Stay signed in?'");
      const sid = String(/name="sid" value="([^"]+)"/.exec(reopened.body)?.[1]);
      await third.browser.post("/login/kmsi", { sid, answer: "no" });
      assert.equal((await third.browser.get("/account")).statusCode, 200);
      assert.equal((await findAccountByEmail(ctx().db, email))?.deletion_due_at, null);
      // Reopened: the erasure planned for the old date never comes.
      await runJobsAfter(31);
      assert.ok(await findAccountByEmail(ctx().db, email));
    });

    it("'This wasn't me' on the closing mail keeps the account", async () => {
      const { email } = await newAccount();
      const { browser } = await signInAs(email);
      await close(browser);
      const mail = await closingMail(email);
      const token = /not-me\?token=([\w-]+)/.exec(mail.text_body ?? "")?.[1] ?? "";
      const visitor = new Browser(h.app, "fr");
      await visitor.get(`/account/not-me?token=${token}`);
      const secured = await visitor.post("/account/not-me", { token });
      assert.equal(secured.statusCode, 303);
      assert.equal((await findAccountByEmail(ctx().db, email))?.deletion_due_at, null);
    });

    it("a work account cannot close itself: its administrator deletes it", async () => {
      const browser = new Browser(h.app, "fr");
      await browser.get("/login");
      const email = "sophie.martin@boulangerie-martin.fr";
      await browser.post("/login", { email });
      const page = await browser.post("/login/password", { email, password: "Baguette-Doree-81" });
      const sid = /name="sid" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      await browser.post("/login/kmsi", { sid, answer: "no" });
      const account = await browser.get("/account");
      assert.match(account.body, /seul un de ses administrateurs peut le supprimer/);
      assert.equal((await browser.get("/account/close")).statusCode, 303);
      const posted = await browser.post("/account/close", {
        sid,
        password: "Baguette-Doree-81",
        confirm: "yes",
      });
      assert.equal(posted.statusCode, 303);
      assert.equal((await findAccountByEmail(ctx().db, email))?.deletion_due_at, null);
    });

    it("erases the account after 30 days, leaving no personal data in any table", async () => {
      const { email, id } = await newAccount("Théodorine Vasseur-Lemaire", "theodorine.vasseur");
      const ip = "192.0.2.77";
      const { browser } = await signInAs(email, ip);
      await appRefreshToken(flow, browser);
      // A profile with a birth date and marketing consent history, a wrong password, a new device.
      const profile = await browser.get("/account/profile");
      const sid = String(/name="sid" value="([^"]+)"/.exec(profile.body)?.[1]);
      const saved = await browser.post("/account/profile", {
        sid,
        givenName: "Théodorine",
        familyName: "Vasseur-Lemaire",
        country: "FR",
        year: "1987",
        month: "3",
        day: "14",
        language: "fr",
        marketing: "yes",
      });
      assert.equal(saved.statusCode, 303);
      const stranger = new Browser(h.app, "fr", "198.51.100.9");
      await stranger.get("/login");
      await stranger.post("/login", { email });
      await stranger.post("/login/password", { email, password: "guess-1" });
      await signInAs(email, "198.51.100.10");
      await deliveredMail(ctx(), email);
      const closed = await close(browser);
      assert.equal(closed.statusCode, 200);

      assert.equal(await runJobsAfter(29), 0, "nothing is due during the grace period");
      assert.ok(await findAccountByEmail(ctx().db, email));
      assert.equal(await runJobsAfter(31), 1);
      assert.equal(await findAccountByEmail(ctx().db, email), undefined);

      const traces = [
        id,
        normalizeEmail(email),
        "Théodorine",
        "Vasseur",
        "Lemaire",
        "1987-03-14",
        ip,
        "198.51.100.9",
        "198.51.100.10",
        lockoutSubject(email),
      ];
      const { tables, found } = await personalDataLeft(ctx().db, traces);
      assert.ok(tables > 40, `the walk sees the whole schema (${tables} tables)`);
      assert.deepEqual(found, [], "personal data left after erasure");

      // What an audit needs stays, under a pseudonym: the closing and the erasure.
      const erased = await ctx().db.selectFrom("erased_account").selectAll().execute();
      const pseudonym = erased.find((e) => e.requested_at !== null)?.pseudonym ?? "";
      assert.ok(pseudonym.startsWith("erased-"));
      const trail = await ctx()
        .db.selectFrom("audit_log")
        .select(["action", "actor_id", "target"])
        .where((eb) => eb.or([eb("actor_id", "=", pseudonym), eb("target", "=", pseudonym)]))
        .orderBy("created_at")
        .execute();
      assert.deepEqual(
        trail.map((entry) => entry.action),
        ["account.close", "account.erase"],
      );
      // The address is free again: a new account may be made with it.
      const signIn = new Browser(h.app, "fr");
      await signIn.get("/login");
      await signIn.post("/login", { email });
      const refused = await signIn.post("/login/password", { email, password: PASSWORD });
      assert.equal(refused.statusCode, 400);
    });
  });
}
