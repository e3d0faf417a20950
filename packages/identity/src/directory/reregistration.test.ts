import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findAccountByEmail } from "../accounts/account-queries";
import { totpCode } from "../factors/totp-test-support";
import { appRefreshToken } from "../oauth/testing/code-flow";
import { signIn } from "../tenants/directory-test-support";
import { Browser } from "../testing/identity-harness";
import { admin, demoCodeFlow, member, sidOf } from "./admin-flow-test-support";

for (const target of await testTargets()) {
  describe(`an administrator requires re-registration of the factors (${target.label})`, () => {
    const { harness, flow } = demoCodeFlow(target);

    it("ends the sessions and refresh tokens signed in with the old factor, then forces registration", async () => {
      // Claire turns on an authenticator app, then signs in on another browser with it.
      const first = new Browser(harness().app, "en");
      await signIn(first, member.email, member.password);
      const sid = sidOf((await first.get("/account")).body);
      const setup = await first.get(`/account/security/totp?sid=${sid}`);
      const secret = /data-totp-secret>([^<]+)</.exec(setup.body)?.[1] ?? "";
      assert.equal(
        (await first.post("/account/security/totp", { sid, code: totpCode(secret) })).statusCode,
        200,
      );

      const browser = new Browser(harness().app, "en");
      await browser.get("/login");
      await browser.post("/login", { email: member.email });
      const asked = await browser.post("/login/password", member);
      const challenge = /name="challenge" value="([^"]+)"/.exec(asked.body)?.[1] ?? "";
      assert.ok(challenge, "the sign-in asks for the app's code");
      // The next step's code: the current one turned the app on, and a step works once.
      const proved = await browser.post("/login/factor", {
        challenge,
        code: totpCode(secret, Date.now() + 30_000),
      });
      await browser.post("/login/kmsi", { sid: sidOf(proved.body), answer: "no" });
      assert.equal((await browser.get("/account")).statusCode, 200);
      const refreshToken = await appRefreshToken(flow, browser);
      assert.equal(
        (await flow.refresh(refreshToken)).status,
        200,
        "a grant of a sign-in with the factor refreshes",
      );

      const account = await findAccountByEmail(harness().identity.ctx.db, member.email);
      assert.ok(account);
      const yves = new Browser(harness().app, "en");
      await signIn(yves, admin.email, admin.password);
      await yves.get(`/admin/users/${account.id}`);
      const demanded = await yves.post(`/admin/users/${account.id}/authentication/reregister`, {});
      assert.equal(demanded.statusCode, 303, demanded.body);

      const signedOut = await browser.get("/account");
      assert.equal(signedOut.statusCode, 303);
      assert.match(String(signedOut.headers.location), /^\/login/);
      assert.equal((await first.get("/account")).statusCode, 303, "and on the other browser");
      const refused = await flow.refresh(refreshToken);
      assert.equal(refused.status, 400);
      assert.equal(refused.json.error, "invalid_grant");

      const again = new Browser(harness().app, "en");
      await again.get("/login?return=%2Faccount");
      await again.post("/login", { email: member.email, return: "/account" });
      const kmsi = await again.post("/login/password", { ...member, return: "/account" });
      // "Stay signed in?" carries on to where sign-in decided to go next.
      const next = /name="return" value="([^"]+)"/.exec(kmsi.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
      const landed = await again.post("/login/kmsi", { sid: sidOf(kmsi.body), answer: "no", return: next });
      assert.match(String(landed.headers.location), /^\/account\/security\/register\?/);
      const page = await again.get(String(landed.headers.location));
      assert.doesNotMatch(page.body, /Skip for now/);
    });
  });
}
