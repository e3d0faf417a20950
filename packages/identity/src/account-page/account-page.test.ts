import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findAccountByEmail } from "../accounts/account-queries";
import { recordSignIn } from "../audit/audit-log";
import { demoPersonalAccount } from "../demo/demo-data";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../oauth/testing/code-flow";
import { signIn } from "../tenants/directory-test-support";
import { Browser, type IdentityHarness } from "../testing/identity-harness";

const { email, password } = demoPersonalAccount;
const CHROME_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

for (const target of await testTargets()) {
  describe(`the account page: sessions, applications, export (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());
    const flow = codeFlowHelpers(() => ({ h, client }));

    /** A browser signed in to the demo account, holding a refresh token the app got in that session. */
    async function signedInWithApp(ip: string, userAgent?: string) {
      const browser = new Browser(h.app, "fr", ip);
      if (userAgent) {
        const get = browser.get.bind(browser);
        browser.get = (url, headers = {}) => get(url, { "user-agent": userAgent, ...headers });
      }
      await signIn(browser, email, password);
      const { code } = await flow.signInAndGetCode(browser);
      const redeemed = await flow.redeem(code);
      assert.equal(redeemed.status, 200, JSON.stringify(redeemed.json));
      return { browser, refreshToken: String(redeemed.json.refresh_token) };
    }
    /** A sign-in attempt in the account's log, as the sign-in flow writes it. */
    async function attempt(ip: string, result: string) {
      const account = await findAccountByEmail(h.identity.ctx.db, email);
      assert.ok(account);
      await recordSignIn(h.identity.ctx.db, {
        tenantId: account.tenant_id,
        accountId: account.id,
        userPrincipalName: email,
        result,
        ip,
        userAgent: CHROME_ON_WINDOWS,
      });
    }
    const sessionIds = (page: string) =>
      [...page.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1]);

    it("lists the sessions of every device, and ends another one with its refresh tokens", async () => {
      const laptop = await signedInWithApp("192.0.2.10");
      const phone = await signedInWithApp("192.0.2.20");
      const page = await laptop.browser.get("/account");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /192\.0\.2\.10/);
      // The profile in words: the country's name and the birth date as people write it.
      assert.match(page.body, /<dd>France<\/dd>/);
      assert.match(page.body, /<time datetime="1988-04-12">12 avril 1988<\/time>/);
      assert.match(page.body, /192\.0\.2\.20/);
      assert.equal(sessionIds(page.body).length, 2);
      const phonePage = await phone.browser.get("/account");
      const phoneSid = /name="sid" value="([^"]+)"/.exec(phonePage.body)?.[1];
      assert.ok(phoneSid && sessionIds(page.body).includes(phoneSid));
      const ended = await laptop.browser.post("/account/sessions/end", {
        sid: String(/name="sid" value="([^"]+)"/.exec(page.body)?.[1]),
        session: phoneSid,
      });
      assert.equal(ended.statusCode, 303);
      const confirmed = await laptop.browser.get(String(ended.headers.location));
      assert.match(confirmed.body, /role="status">La session a été déconnectée\./);
      // The ended session leaves the list of sessions; its sign-in stays in the sign-in activity.
      const [sessionsPart, activityPart] = confirmed.body.split("Activité de connexion");
      assert.doesNotMatch(String(sessionsPart), /192\.0\.2\.20/);
      assert.match(String(activityPart), /192\.0\.2\.20/);
      // The phone is signed out, and what the app obtained in that session is gone with it.
      assert.equal((await phone.browser.get("/account")).statusCode, 303);
      assert.equal((await flow.refresh(phone.refreshToken)).status, 400);
      assert.equal((await flow.refresh(laptop.refreshToken)).status, 200);
    });

    it("does not let a session id of another browser or account be used", async () => {
      const mine = await signedInWithApp("192.0.2.30");
      const other = new Browser(h.app, "en", "192.0.2.31");
      const otherPage = await other.get("/account");
      assert.equal(otherPage.statusCode, 303, "not signed in: sent to the sign-in page");
      const page = await mine.browser.get("/account");
      const sid = String(/name="sid" value="([^"]+)"/.exec(page.body)?.[1]);
      // Another browser naming this session gets nothing done.
      await other.get("/login");
      const forged = await other.post("/account/sessions/end-all", { sid });
      assert.equal(forged.statusCode, 303);
      assert.match(String(forged.headers.location), /^\/login/);
      assert.equal((await mine.browser.get("/account")).statusCode, 200);
      // And a form without the CSRF token is refused.
      const noCsrf = await mine.browser.post("/account/sessions/end-all", { sid, _csrf: null });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((await mine.browser.get("/account")).statusCode, 200);
    });

    it("signs out everywhere: every session and every refresh token of the account", async () => {
      const a = await signedInWithApp("192.0.2.40");
      const b = await signedInWithApp("192.0.2.41");
      const page = await a.browser.get("/account");
      const sid = String(/name="sid" value="([^"]+)"/.exec(page.body)?.[1]);
      const done = await a.browser.post("/account/sessions/end-all", { sid });
      assert.equal(done.statusCode, 200, done.body.slice(0, 3000));
      assert.match(done.body, /Vous êtes déconnecté sur tous vos appareils/);
      for (const device of [a, b]) {
        assert.equal((await device.browser.get("/account")).statusCode, 303);
        assert.equal((await flow.refresh(device.refreshToken)).status, 400);
      }
    });

    it("lists the applications the person allowed and withdraws one: its refresh tokens end, consent is asked again", async () => {
      const { browser, refreshToken } = await signedInWithApp("192.0.2.50");
      const page = await browser.get("/account");
      assert.match(page.body, /Appli de test/);
      assert.match(page.body, /User\.Read/);
      const sid = String(/name="sid" value="([^"]+)"/.exec(page.body)?.[1]);
      const withdrawn = await browser.post("/account/apps/withdraw", { sid, client: client.clientId });
      const after = await browser.get(String(withdrawn.headers.location));
      assert.match(after.body, /L&#39;autorisation de l&#39;application a été retirée/);
      assert.match(after.body, /Vous n&#39;avez autorisé aucune application/);
      assert.equal((await flow.refresh(refreshToken)).status, 400);
      const again = await browser.get(flow.authorizeUrl());
      assert.equal(again.statusCode, 200, "the consent page is shown again");
      assert.match(again.body, /name="request"/);
      const unknown = await browser.post("/account/apps/withdraw", { sid, client: "not-an-app" });
      assert.match(String(unknown.headers.location), /done=gone/);
    });

    it("shows the sign-in activity and the sessions with their approximate place, in the reader's language", async () => {
      await attempt("127.0.0.1", "50126");
      await attempt("8.8.8.8", "success");
      const { browser } = await signedInWithApp("90.84.0.1");
      const fr = (await browser.get("/account")).body;
      // The session opened from Orange's range in France: place first, the address beside it.
      assert.match(
        fr,
        /<strong>Appareil inconnu<\/strong> · France <small>\(Adresse IP <span class="mono">90\.84\.0\.1<\/span>\)<\/small>/,
      );
      const activity = fr.slice(fr.indexOf("<h2>Activité de connexion</h2>"));
      assert.ok(activity.length < fr.length, "the section is on the page");
      assert.match(
        activity,
        /Connexion refusée : mot de passe incorrect<\/p>\s*<p><strong>Chrome sous Windows<\/strong> · Réseau local/,
      );
      assert.match(
        activity,
        /Connexion réussie<\/p>\s*<p><strong>Chrome sous Windows<\/strong> · États-Unis d&#39;Amérique/,
      );
      assert.match(
        activity,
        /Les plus anciennes figurent dans le fichier de vos données\. <a href="#privacy">/,
      );

      const english = new Browser(h.app, "en", "192.0.2.99");
      await signIn(english, email, password);
      const en = (await english.get("/account")).body;
      const enActivity = en.slice(en.indexOf("<h2>Sign-in activity</h2>"));
      assert.ok(enActivity.length < en.length, "the section is on the page");
      assert.match(
        enActivity,
        /Sign-in refused: wrong password<\/p>\s*<p><strong>Chrome on Windows<\/strong> · Local network/,
      );
      assert.match(
        enActivity,
        /Signed in<\/p>\s*<p><strong>Chrome on Windows<\/strong> · United States of America/,
      );
      assert.match(
        en,
        /Unknown device<\/strong> · Unknown place <small>\(IP address <span class="mono">192\.0\.2\.99/,
      );
    });

    it("exports everything stored about the person as JSON, without secrets", async () => {
      await attempt("10.9.8.7", "success");
      const { browser } = await signedInWithApp("192.0.2.60");
      const page = await browser.get("/account");
      const sid = String(/name="sid" value="([^"]+)"/.exec(page.body)?.[1]);
      const file = await browser.get(`/account/export?sid=${sid}`);
      assert.equal(file.statusCode, 200);
      assert.match(
        String(file.headers["content-disposition"]),
        /attachment; filename="sesame-account\.json"/,
      );
      assert.equal(file.headers["cache-control"], "no-store");
      const data = file.json();
      assert.equal(data.profile.email, email);
      assert.equal(data.profile.kind, "personal");
      assert.ok(data.sessions.some((s: { ip: string }) => s.ip === "192.0.2.60"));
      for (const session of data.sessions as { ip: string; place: unknown }[])
        if (session.ip === "192.0.2.60")
          assert.deepEqual(session.place, { code: null, name: "Lieu inconnu" });
        else if (session.ip === "90.84.0.1") assert.deepEqual(session.place, { code: "FR", name: "France" });
      assert.ok(
        data.signIns.some(
          (s: { ip: string; place: unknown }) =>
            s.ip === "10.9.8.7" &&
            JSON.stringify(s.place) === JSON.stringify({ code: null, name: "Réseau local" }),
        ),
        JSON.stringify(data.signIns),
      );
      assert.ok(data.applications.some((a: { displayName: string }) => a.displayName === "Appli de test"));
      assert.ok(Array.isArray(data.signIns) && Array.isArray(data.mailbox));
      assert.ok(Array.isArray(data.marketingConsentHistory));
      assert.deepEqual(data.secondFactors, {
        authenticatorApp: null,
        recoveryCodes: { total: 0, used: 0 },
        passkeys: [],
      });
      assert.equal(data.closing, null);
      assert.doesNotMatch(file.body, /argon2|password_hash|browser_token|token_hash/i);
    });
  });
}
