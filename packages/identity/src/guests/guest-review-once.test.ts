import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { LightMyRequestResponse } from "fastify";
import { s256Challenge } from "../oauth/pkce";
import { registerTestApp } from "../oauth/testing/oauth-fixtures";
import { acceptConsent } from "../oauth/testing/sign-in-pages";
import { deliveredMail } from "../testing/delivered-mail";
import { Browser } from "../testing/identity-harness";
import { type GuestWorld, startGuestWorld } from "./guest-test-kit";

const location = (r: LightMyRequestResponse) => String(r.headers.location ?? "");
const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? "";

for (const target of await testTargets()) {
  describe(`a passcode guest with a session still reviews the permissions once (${target.label})`, () => {
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
    const authorize = (prompt?: string) =>
      `/${w.firm.tenant.id}/oauth2/v2.0/authorize?${new URLSearchParams({
        client_id: client.clientId,
        redirect_uri: client.redirect,
        response_type: "code",
        scope: "openid profile email",
        state: "s",
        nonce: "n",
        code_challenge: s256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        code_challenge_method: "S256",
        ...(prompt ? { prompt } : {}),
      })}`;

    it("an application's sign-in sends a guest who left the review page unanswered back to it, then on", async () => {
      const r = await w.graph("POST", "/v1.0/invitations", await w.appToken(["User.Invite.All"]), {
        invitedUserEmailAddress: "nina@gmail.com",
        inviteRedirectUrl: "https://portal.example/YPN",
      });
      const guestId = r.body.invitedUser.id as string;
      const browser = new Browser(w.h.app, "en");
      // The redeem link: a code, a session, and the review page, which the person leaves unanswered.
      const redeem = await browser.get(
        new URL(r.body.inviteRedeemUrl).pathname + new URL(r.body.inviteRedeemUrl).search,
      );
      await browser.post("/guest/otp/send", {
        tenant: w.firm.tenant.id,
        email: "nina@gmail.com",
        return: field(redeem.body, "return"),
      });
      const code = /: (\d{4,8})/.exec((await deliveredMail(ctx(), "nina@gmail.com")).text_body)?.[1] ?? "";
      const kmsi = await browser.post("/guest/otp/verify", {
        tenant: w.firm.tenant.id,
        email: "nina@gmail.com",
        return: field(browser.html, "return"),
        code,
      });
      let page = await browser.post("/login/kmsi", {
        sid: field(kmsi.body, "sid"),
        return: field(kmsi.body, "return"),
        answer: "no",
      });
      while (page.statusCode === 303 && location(page).startsWith("/"))
        page = await browser.get(location(page));
      assert.match(page.body, /Review permissions/);

      // Silent sign-in cannot skip it; an interactive one goes through it first.
      const silent = await browser.get(authorize("none"));
      assert.match(location(silent), /error=interaction_required/);
      const start = await browser.get(authorize());
      assert.equal(start.statusCode, 302);
      assert.match(location(start), /^\/redeem\/review\?/);
      const review = await browser.get(location(start));
      assert.match(review.body, /Review permissions/);
      assert.match(review.body, /Cabinet Dupont/);
      const accepted = await browser.post("/redeem/review", {
        guest: field(review.body, "guest"),
        sid: field(review.body, "sid"),
        return: field(review.body, "return"),
        answer: "accept",
      });
      assert.equal(accepted.statusCode, 303);
      let next = await browser.get(location(accepted));
      next = await acceptConsent(browser, next, `/${w.firm.tenant.id}/oauth2/v2.0/authorize`);
      assert.equal(next.statusCode, 302, next.body);
      assert.match(location(next), /code=/);
      const guest = await ctx()
        .db.selectFrom("guest")
        .select(["external_user_state", "redeemed_idp"])
        .where("account_id", "=", guestId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(guest, { external_user_state: "Accepted", redeemed_idp: "mail" });
      // Once accepted, the next sign-in goes straight on.
      const again = await browser.get(authorize());
      assert.doesNotMatch(location(again), /redeem\/review/);
    });
  });
}
