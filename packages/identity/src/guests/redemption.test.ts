import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { LightMyRequestResponse } from "fastify";
import { deliveredMail } from "../testing/delivered-mail";
import { Browser } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";
import { type GuestWorld, startGuestWorld } from "./guest-test-kit";

const REDIRECT = "https://portal.example/YPN/dossiers";
const location = (r: LightMyRequestResponse) => String(r.headers.location ?? "");
const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? "";

for (const target of await testTargets()) {
  describe(`Guest redemption and e-mail one-time passcode (${target.label})`, () => {
    let w: GuestWorld;
    before(async () => {
      w = await startGuestWorld(target);
    });
    after(() => w.h.close());
    const ctx = () => w.h.identity.ctx;

    const invite = async (email: string, extra: Record<string, unknown> = {}) => {
      const r = await w.graph("POST", "/v1.0/invitations", await w.appToken(["User.Invite.All"]), {
        invitedUserEmailAddress: email,
        inviteRedirectUrl: REDIRECT,
        ...extra,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return {
        id: r.body.invitedUser.id as string,
        url: r.body.inviteRedeemUrl as string,
        status: r.body.status,
      };
    };
    const redeemPath = (url: string) => new URL(url).pathname + new URL(url).search;
    const state = async (id: string) =>
      ctx().db.selectFrom("guest").selectAll().where("account_id", "=", id).executeTakeFirstOrThrow();

    /** "Send code" then the mailed code: returns the code and the page to type it in. */
    const sendCode = async (browser: Browser, email: string) => {
      const page = await browser.post("/guest/otp/send", {
        tenant: field(browser.html, "tenant"),
        email,
        return: field(browser.html, "return") || null,
      });
      assert.equal(page.statusCode, 200, page.body);
      const mail = await deliveredMail(ctx(), email);
      const code = /: (\d{4,8})/.exec(mail.text_body)?.[1] ?? "";
      return { code, mail };
    };
    const typeCode = (browser: Browser, email: string, code: string) =>
      browser.post("/guest/otp/verify", {
        tenant: field(browser.html, "tenant"),
        email,
        return: field(browser.html, "return") || null,
        code,
      });
    /** From the verified code through "Stay signed in?" to the "Review permissions" page. */
    const toReview = async (browser: Browser, verified: LightMyRequestResponse) => {
      const kmsi = await browser.post("/login/kmsi", {
        sid: field(verified.body, "sid"),
        return: field(verified.body, "return"),
        answer: "no",
      });
      assert.equal(kmsi.statusCode, 303);
      return browser.get(location(kmsi));
    };

    it("redeems with an e-mailed code, the organisation's review page, then the redirect URL", async () => {
      const { id, url } = await invite("zoe@gmail.com");
      const browser = new Browser(w.h.app, "fr");
      const start = await browser.get(redeemPath(url));
      assert.equal(start.statusCode, 200);
      assert.match(start.body, /Cabinet Dupont/);
      assert.match(start.body, /Envoyer le code/);
      const { code, mail } = await sendCode(browser, "zoe@gmail.com");
      assert.match(mail.subject, /Cabinet Dupont/);
      const verified = await typeCode(browser, "zoe@gmail.com", code);
      const review = await toReview(browser, verified);
      assert.equal(review.statusCode, 200);
      assert.match(review.body, /Vérifier les autorisations/);
      assert.match(review.body, /Cabinet Dupont n.{1,6}a pas fourni de lien/);
      assert.equal((await state(id)).external_user_state, "PendingAcceptance");
      const accepted = await browser.post("/redeem/review", {
        guest: id,
        sid: field(review.body, "sid"),
        answer: "accept",
      });
      assert.equal(accepted.statusCode, 303);
      assert.equal(location(accepted), REDIRECT);
      const guest = await state(id);
      assert.equal(guest.external_user_state, "Accepted");
      assert.equal(guest.redeemed_idp, "mail");
      const user = await w.graph(
        "GET",
        `/v1.0/users/${id}?$select=externalUserState,externalUserStateChangeDateTime`,
        await w.appToken(["User.Read.All"]),
      );
      assert.equal(user.body.externalUserState, "Accepted");

      // The link works once: a second click leads on to the application, which signs the guest in.
      const replay = await new Browser(w.h.app, "en").get(redeemPath(url));
      assert.equal(replay.statusCode, 303);
      assert.equal(location(replay), REDIRECT);
      // The code was single use.
      const again = new Browser(w.h.app, "en");
      await again.get("/login");
      const reused = await again.post("/guest/otp/verify", {
        tenant: w.firm.tenant.id,
        email: "zoe@gmail.com",
        code,
      });
      assert.equal(reused.statusCode, 400);
      assert.match(reused.body, /no longer valid/);
    });

    it("refuses a wrong code with the tries left, burns it at the limit, and refuses an expired one", async () => {
      const { url } = await invite("yann@gmail.com");
      const browser = new Browser(w.h.app, "en");
      await browser.get(redeemPath(url));
      const { code } = await sendCode(browser, "yann@gmail.com");
      const wrong = code === "000000" ? "111111" : "000000";
      const first = await typeCode(browser, "yann@gmail.com", wrong);
      assert.equal(first.statusCode, 400);
      assert.match(first.body, /4 attempt\(s\) left/);
      for (let i = 0; i < 4; i++) await typeCode(browser, "yann@gmail.com", wrong);
      const burned = await typeCode(browser, "yann@gmail.com", code);
      assert.equal(burned.statusCode, 400);
      assert.match(burned.body, /no longer valid/);

      const { url: url2 } = await invite("xavier@gmail.com");
      const other = new Browser(w.h.app, "en");
      await other.get(redeemPath(url2));
      const sent = await sendCode(other, "xavier@gmail.com");
      await ctx()
        .db.updateTable("email_code")
        .set({ expires_at: Date.now() - 1 })
        .where("address", "=", "xavier@gmail.com")
        .execute();
      const expired = await typeCode(other, "xavier@gmail.com", sent.code);
      assert.equal(expired.statusCode, 400);
      assert.match(expired.body, /has expired/);
    });

    it("offers no passcode where the tenant turned it off: a new personal account instead", async () => {
      const { url } = await invite("walter@gmail.com");
      await ctx()
        .db.insertInto("guest_settings")
        .values({
          tenant_id: w.firm.tenant.id,
          allow_invites_from: "adminsAndGuestInviters",
          email_otp_enabled: 0,
          fallback_order: "microsoftAccount,emailOneTimePasscode",
          privacy_url: null,
          updated_at: Date.now(),
        })
        .execute();
      try {
        const browser = new Browser(w.h.app, "en");
        const start = await browser.get(redeemPath(url));
        assert.equal(start.statusCode, 303);
        assert.match(location(start), /^\/signup\?email=walter%40gmail.com/);
        const send = await browser.post("/guest/otp/send", {
          tenant: w.firm.tenant.id,
          email: "walter@gmail.com",
        });
        assert.equal(send.statusCode, 403);
      } finally {
        await ctx().db.deleteFrom("guest_settings").where("tenant_id", "=", w.firm.tenant.id).execute();
      }
    });

    it("redeems with an existing personal account before a passcode, with idp live.com", async () => {
      await addPersonalAccount(ctx().db, { email: "victor@outlook.fr", password: "Victor-Secret-1234" });
      const { id, url } = await invite("victor@outlook.fr");
      const browser = new Browser(w.h.app, "en");
      const start = await browser.get(redeemPath(url));
      assert.equal(start.statusCode, 303);
      assert.match(location(start), /^\/login\?login_hint=victor%40outlook.fr/);
      await browser.get(location(start));
      const kmsiPage = await browser.post("/login/password", {
        email: "victor@outlook.fr",
        password: "Victor-Secret-1234",
        return: field(browser.html, "return"),
      });
      const review = await toReview(browser, kmsiPage);
      assert.match(review.body, /Review permissions/);
      const accepted = await browser.post("/redeem/review", {
        guest: id,
        sid: field(review.body, "sid"),
        answer: "accept",
      });
      assert.equal(location(accepted), REDIRECT);
      const guest = await state(id);
      assert.equal(guest.redeemed_idp, "live.com");
      assert.ok(guest.home_account_id);
    });

    it("makes one redemption of two racing acceptances", async () => {
      const { id, url } = await invite("ursula@gmail.com");
      const browser = new Browser(w.h.app, "en");
      await browser.get(redeemPath(url));
      const { code } = await sendCode(browser, "ursula@gmail.com");
      const review = await toReview(browser, await typeCode(browser, "ursula@gmail.com", code));
      const sid = field(review.body, "sid");
      const answers = await Promise.all(
        [1, 2].map(() => browser.post("/redeem/review", { guest: id, sid, answer: "accept" })),
      );
      assert.deepEqual(
        answers.map((a) => [a.statusCode, location(a)]),
        [
          [303, REDIRECT],
          [303, REDIRECT],
        ],
      );
      const rows = await ctx()
        .db.selectFrom("guest")
        .select("account_id")
        .where("email_normalized", "=", "ursula@gmail.com")
        .execute();
      assert.equal(rows.length, 1);
      const audits = await ctx()
        .db.selectFrom("audit_log")
        .select("id")
        .where("action", "=", "guest.redeem")
        .where("target", "=", "ursula@gmail.com")
        .execute();
      assert.equal(audits.length, 1);
    });

    it("re-invites: Completed for a redeemed guest, PendingAcceptance again with resetRedemption, a new guest after deletion", async () => {
      const first = await invite("zoe@gmail.com");
      assert.equal(first.status, "Completed");
      const reset = await invite("zoe@gmail.com", { resetRedemption: true });
      assert.equal(reset.status, "PendingAcceptance");
      assert.equal(reset.id, first.id);
      assert.equal((await state(reset.id)).external_user_state, "PendingAcceptance");
      // The older link was replaced by the newer one.
      const old = await new Browser(w.h.app, "en").get(redeemPath(first.url));
      assert.equal(old.statusCode, 404);
      await ctx().db.deleteFrom("account").where("id", "=", reset.id).execute();
      const again = await invite("zoe@gmail.com");
      assert.notEqual(again.id, reset.id);
      assert.equal(again.status, "PendingAcceptance");
      const gone = await new Browser(w.h.app, "en").get(redeemPath(reset.url));
      assert.equal(gone.statusCode, 404);
    });
  });
}
