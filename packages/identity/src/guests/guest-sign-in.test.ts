import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { LightMyRequestResponse } from "fastify";
import { s256Challenge } from "../oauth/pkce";
import { registerTestApp } from "../oauth/testing/oauth-fixtures";
import { acceptConsent } from "../oauth/testing/sign-in-pages";
import { deliveredMail } from "../testing/delivered-mail";
import { Browser } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";
import { type GuestWorld, startGuestWorld } from "./guest-test-kit";

const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const location = (r: LightMyRequestResponse) => String(r.headers.location ?? "");
const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? "";
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());

for (const target of await testTargets()) {
  describe(`Guests sign in through the inviting tenant's authority (${target.label})`, () => {
    let w: GuestWorld;
    let client: Awaited<ReturnType<typeof registerTestApp>>;
    before(async () => {
      w = await startGuestWorld(target);
      client = await registerTestApp(w.h.identity.ctx, {
        tenantId: w.firm.tenant.id,
        audience: "AzureADandPersonalMicrosoftAccount",
      });
    });
    after(() => w.h.close());
    const ctx = () => w.h.identity.ctx;

    const invite = async (email: string) => {
      const r = await w.graph("POST", "/v1.0/invitations", await w.appToken(["User.Invite.All"]), {
        invitedUserEmailAddress: email,
        inviteRedirectUrl: "https://portal.example/YPN",
      });
      return r.body.invitedUser.id as string;
    };
    const authorize = (tenant: string) =>
      `/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams({
        client_id: client.clientId,
        redirect_uri: client.redirect,
        response_type: "code",
        scope: "openid profile email User.Read",
        state: "s",
        nonce: "n",
        code_challenge: s256Challenge(VERIFIER),
        code_challenge_method: "S256",
      })}`;
    /** The authorize request up to the login page's email step; returns the page that follows it. */
    const emailStep = async (browser: Browser, tenant: string, email: string) => {
      const start = await browser.get(authorize(tenant));
      assert.equal(start.statusCode, 302);
      await browser.get(location(start));
      return browser.post("/login", { email, return: field(browser.html, "return") });
    };
    /** From "Stay signed in?" to the client's redirect URI, through review and consent pages. */
    const finish = async (browser: Browser, tenant: string, page: LightMyRequestResponse) => {
      let r = await browser.post("/login/kmsi", {
        sid: field(page.body, "sid"),
        return: field(page.body, "return"),
        answer: "no",
      });
      while (r.statusCode === 303 && location(r).startsWith("/")) r = await browser.get(location(r));
      if (/name="guest"/.test(r.body))
        r = await browser.post("/redeem/review", {
          guest: field(r.body, "guest"),
          sid: field(r.body, "sid"),
          return: field(r.body, "return"),
          answer: "accept",
        });
      while ((r.statusCode === 303 || r.statusCode === 302) && location(r).startsWith("/"))
        r = await browser.get(location(r));
      r = await acceptConsent(browser, r, `/${tenant}/oauth2/v2.0/authorize`);
      assert.equal(r.statusCode, 302, r.body);
      const code = new URL(location(r)).searchParams.get("code") ?? "";
      const token = await w.h.app.inject({
        method: "POST",
        url: `/${tenant}/oauth2/v2.0/token`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: client.clientId,
          client_secret: client.secret,
          code,
          redirect_uri: client.redirect,
          code_verifier: VERIFIER,
        }).toString(),
      });
      assert.equal(token.statusCode, 200, token.body);
      return { id: claims(token.json().id_token), access: claims(token.json().access_token) };
    };

    it("offers the e-mailed passcode at /{tenant}, redeems on first use, and issues guest tokens", async () => {
      const id = await invite("olga@gmail.com");
      const browser = new Browser(w.h.app, "en");
      const sendPage = await emailStep(browser, w.firm.tenant.id, "olga@gmail.com");
      assert.equal(sendPage.statusCode, 200);
      assert.match(sendPage.body, /Send code/);
      assert.match(sendPage.body, /Cabinet Dupont/);
      await browser.post("/guest/otp/send", {
        tenant: w.firm.tenant.id,
        email: "olga@gmail.com",
        return: field(sendPage.body, "return"),
      });
      const mail = await deliveredMail(ctx(), "olga@gmail.com");
      const code = /: (\d{4,8})/.exec(mail.text_body)?.[1] ?? "";
      const verified = await browser.post("/guest/otp/verify", {
        tenant: w.firm.tenant.id,
        email: "olga@gmail.com",
        return: field(browser.html, "return"),
        code,
      });
      const tokens = await finish(browser, w.firm.tenant.id, verified);
      for (const t of [tokens.id, tokens.access]) {
        assert.equal(t.acct, 1);
        assert.equal(t.idp, "mail");
        assert.equal(t.tid, w.firm.tenant.id);
        assert.equal(t.oid, id);
      }
      assert.equal(tokens.id.email, "olga@gmail.com");
    });

    it("never offers the passcode at /common", async () => {
      const browser = new Browser(w.h.app, "en");
      const page = await emailStep(browser, "common", "olga@gmail.com");
      assert.doesNotMatch(page.body, /Send code/);
      assert.match(page.body, /name="password"/);
    });

    it("gives a guest who redeemed with a personal account the guest object and idp live.com at /{tenant}", async () => {
      await addPersonalAccount(ctx().db, { email: "pierre@outlook.fr", password: "Pierre-Secret-1234" });
      const id = await invite("pierre@outlook.fr");
      const browser = new Browser(w.h.app, "en");
      const passwordPage = await emailStep(browser, w.firm.tenant.id, "pierre@outlook.fr");
      assert.match(passwordPage.body, /name="password"/);
      const kmsi = await browser.post("/login/password", {
        email: "pierre@outlook.fr",
        password: "Pierre-Secret-1234",
        return: field(passwordPage.body, "return"),
      });
      // Not redeemed yet: the tenant's authority refuses the personal account (AADSTS50020).
      const refused = await browser.post("/login/kmsi", {
        sid: field(kmsi.body, "sid"),
        return: field(kmsi.body, "return"),
        answer: "no",
      });
      const answer = await browser.get(location(refused));
      assert.match(location(answer), /error=/);
      // Redeemed through the invitation link: the same account is now the guest.
      const guest = await ctx()
        .db.selectFrom("guest")
        .selectAll()
        .where("account_id", "=", id)
        .executeTakeFirstOrThrow();
      assert.equal(guest.external_user_state, "PendingAcceptance");
      const sid = field(kmsi.body, "sid");
      const review = await browser.get(`/redeem/review?guest=${id}&sid=${sid}`);
      assert.match(review.body, /Review permissions/);
      await browser.post("/redeem/review", { guest: id, sid, answer: "accept" });
      let r = await browser.get(authorize(w.firm.tenant.id));
      r = await acceptConsent(browser, r, `/${w.firm.tenant.id}/oauth2/v2.0/authorize`);
      assert.equal(r.statusCode, 302, r.body);
      assert.match(location(r), /code=/);
      const code = new URL(location(r)).searchParams.get("code") ?? "";
      const token = await w.h.app.inject({
        method: "POST",
        url: `/${w.firm.tenant.id}/oauth2/v2.0/token`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: client.clientId,
          client_secret: client.secret,
          code,
          redirect_uri: client.redirect,
          code_verifier: VERIFIER,
        }).toString(),
      });
      const idToken = claims(token.json().id_token);
      assert.equal(idToken.oid, id);
      assert.equal(idToken.tid, w.firm.tenant.id);
      assert.equal(idToken.acct, 1);
      assert.equal(idToken.idp, "live.com");
    });
  });
}
