import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { demoPersonalAccount } from "../demo/demo-data";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../oauth/testing/code-flow";
import { signIn } from "../tenants/directory-test-support";
import { deliveredMail } from "../testing/delivered-mail";
import { Browser, type IdentityHarness } from "../testing/identity-harness";

const { email, password } = demoPersonalAccount;

for (const target of await testTargets()) {
  describe(`security mails and "This wasn't me" (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());
    const flow = codeFlowHelpers(() => ({ h, client }));
    const queued = async (subject: string) =>
      (
        await h.identity.ctx.db
          .selectFrom("mail_outbox")
          .select("id")
          .where("to_address", "=", email)
          .where("subject", "=", subject)
          .execute()
      ).length;
    const NEW_SIGN_IN = "Nouvelle connexion à votre compte Sésame";

    it("announces a sign-in from a new browser once, and the link ends every session, then starts a reset", async () => {
      const first = new Browser(h.app, "fr", "192.0.2.1");
      await signIn(first, email, password);
      assert.equal(await queued(NEW_SIGN_IN), 0, "the first browser an account uses is not announced");
      const { code } = await flow.signInAndGetCode(first);
      const refreshToken = String((await flow.redeem(code)).json.refresh_token);

      const second = new Browser(h.app, "fr", "90.84.0.7");
      await signIn(second, email, password);
      assert.equal(await queued(NEW_SIGN_IN), 1);
      await signIn(second, email, password);
      await signIn(first, email, password);
      assert.equal(await queued(NEW_SIGN_IN), 1, "browsers already seen are not announced again");

      const mail = await deliveredMail(h.identity.ctx, email);
      assert.equal(mail.subject, NEW_SIGN_IN);
      // The approximate place comes from the address range's registry data (Orange, in France).
      assert.match(mail.text_body, /lieu approximatif France, adresse IP 90\.84\.0\.7/);
      const link = /https:\/\/\S+\/account\/not-me\?token=[\w-]+/.exec(mail.text_body)?.[0];
      assert.ok(link, mail.text_body);
      const path = new URL(link).pathname + new URL(link).search;

      // Opening the link (a mail scanner may) changes nothing; the button does.
      const stranger = new Browser(h.app, "fr", "203.0.113.9");
      const page = await stranger.get(path);
      assert.equal(page.statusCode, 200);
      assert.equal((await first.get("/account")).statusCode, 200);
      const secured = await stranger.post("/account/not-me", {
        token: String(new URL(link).searchParams.get("token")),
      });
      assert.equal(secured.statusCode, 303);
      assert.equal(secured.headers.location, `/password/reset?login_hint=${encodeURIComponent(email)}`);
      for (const browser of [first, second]) assert.equal((await browser.get("/account")).statusCode, 303);
      assert.equal((await flow.refresh(refreshToken)).status, 400);

      await stranger.get(path);
      const again = await stranger.post("/account/not-me", {
        token: String(new URL(link).searchParams.get("token")),
      });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /Ce lien n&#39;est plus valide/);
    });

    it("tells the holder when their password was changed", async () => {
      const browser = new Browser(h.app, "fr", "192.0.2.2");
      await browser.get(`/password/reset?login_hint=${encodeURIComponent(email)}`);
      await browser.post("/password/reset", { email });
      let code = "";
      for (let i = 0; i < 200 && !code; i++) {
        h.identity.ctx.mailQueued();
        const mails = await h.identity.ctx.db
          .selectFrom("mailbox_message")
          .select(["subject", "text_body"])
          .where("to_address", "=", email)
          .execute();
        const codeMail = mails.find((m) => !m.subject.includes("Sésame") && /\b\d{6}\b/.test(m.text_body));
        code = /\b(\d{6})\b/.exec(codeMail?.text_body ?? "")?.[1] ?? "";
        if (!code) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await browser.get("/password/reset/code");
      const verified = await browser.post("/password/reset/code", { code });
      assert.equal(verified.statusCode, 303, verified.body.slice(0, 300));
      await browser.get("/password/reset/new");
      const done = await browser.post("/password/reset/new", { password: "Nouveau-Secret-2026!" });
      assert.ok(done.statusCode < 400, done.body.slice(0, 500));
      assert.equal(await queued("Le mot de passe de votre compte Sésame a été modifié"), 1);
    });
  });
}
