import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Account } from "../accounts/account-queries";
import { GRAPH_APP_ID } from "../apps/graph-app";
import { runCli } from "../cli";
import { seedIdentityDemo } from "../demo/demo-data";
import { type SeededOrganization, seedOrganization } from "../demo/organization-seed";
import { keyEncryptionKey } from "../keys/key-encryption";
import { TokenSigner } from "../keys/token-signer";
import { codeFlowHelpers, type TestClient } from "../oauth/testing/code-flow";
import { createTestTenant, registerTestApp } from "../oauth/testing/oauth-fixtures";
import { appAccessClaims } from "../oauth/token-claims";
import { fastArgon2 } from "../tenants/directory-test-support";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { addPersonalAccount } from "../testing/test-accounts";

const oldPassword = "Ancien-Mot-De-Passe-12";
const newPassword = "Lanterne-Orage-Violette-61";

for (const target of await testTargets()) {
  describe(`a changed password ends the account's refresh tokens, whoever changes it (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    let org: SeededOrganization;
    const { authorizeUrl, token, redeem } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      await seedIdentityDemo(h.identity.ctx);
      client = await registerTestApp(h.identity.ctx, { tenantId: await createTestTenant(h.identity.ctx) });
      org = await seedOrganization(h.identity.ctx, {
        displayName: "Quincaillerie Test",
        country: "FR",
        prefix: "quincaillerietest",
        customDomain: "quincaillerie-test.fr",
        users: [
          {
            userName: "ga",
            displayName: "Gina Admin",
            password: "Ga-Secret-1234",
            roles: ["globalAdministrator"],
          },
          { userName: "byadmin", displayName: "Bruno", password: oldPassword },
          { userName: "bygraph", displayName: "Gaston", password: oldPassword },
          { userName: "bycli", displayName: "Clara", password: oldPassword },
        ],
      });
    });
    after(() => h.close());

    /** Signs `email` in through the real pages, consents, redeems the code: a live refresh token. */
    async function refreshTokenOf(email: string, password: string): Promise<string> {
      const browser = new Browser(h.app);
      let r = await browser.get(authorizeUrl({ login_hint: email }));
      const login = String(r.headers.location);
      assert.match(login, /^\/login/);
      const returnTo = new URL(login, "https://x").searchParams.get("return") ?? "";
      await browser.get(login);
      await browser.post("/login", { email, return: returnTo });
      let done = await browser.post("/login/password", { email, password, return: returnTo });
      const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1];
      if (sid) done = await browser.post("/login/kmsi", { return: returnTo, sid, answer: "no" });
      r = await browser.get(String(done.headers.location));
      const request = /name="request" value="([^"]+)"/.exec(r.body)?.[1]?.replace(/&amp;/g, "&");
      if (request) r = await browser.post("/common/oauth2/v2.0/authorize", { request, decision: "accept" });
      assert.equal(r.statusCode, 302, r.body);
      const code = new URL(String(r.headers.location)).searchParams.get("code") ?? "";
      const issued = await redeem(code);
      assert.equal(issued.status, 200, JSON.stringify(issued.json));
      return issued.json.refresh_token;
    }

    async function assertRefused(refreshToken: string) {
      const refresh = await token({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: refreshToken,
        scope: "openid offline_access User.Read",
      });
      assert.equal(refresh.status, 400, "the refresh token issued on the old password still works");
      assert.equal(refresh.json.error, "invalid_grant");
    }

    const user = (name: string) => org.users.get(name) as Account;

    it("after the holder changes it at sign-in (update your password)", async () => {
      const email = "mise-a-jour@outlook.fr";
      await addPersonalAccount(h.identity.ctx.db, { email, password: oldPassword });
      const rt = await refreshTokenOf(email, oldPassword);
      const browser = new Browser(h.app);
      await browser.get("/login");
      const changed = await browser.post("/login/update-password", {
        email,
        current: oldPassword,
        password: newPassword,
        confirm: newPassword,
      });
      assert.ok(changed.statusCode < 400, changed.body);
      await assertRefused(rt);
    });

    it("after a reset by emailed code", async () => {
      const email = "oubli@outlook.fr";
      await addPersonalAccount(h.identity.ctx.db, { email, password: oldPassword });
      const rt = await refreshTokenOf(email, oldPassword);
      const browser = new Browser(h.app);
      await browser.get(`/password/reset?login_hint=${encodeURIComponent(email)}`);
      assert.equal((await browser.post("/password/reset", { email })).statusCode, 303);
      await browser.get("/password/reset/code");
      let code = "";
      for (let i = 0; i < 200 && !code; i++) {
        const mail = await h.app.inject({ url: `/_dev/mail?to=${encodeURIComponent(email)}` });
        code = /(\d{6})/.exec((mail.json() as { text: string }[])[0]?.text ?? "")?.[1] ?? "";
        if (!code) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await browser.post("/password/reset/code", { code });
      await browser.get("/password/reset/new");
      assert.equal((await browser.post("/password/reset/new", { password: newPassword })).statusCode, 200);
      await assertRefused(rt);
    });

    it("after an administrator resets it in the admin centre", async () => {
      const rt = await refreshTokenOf(user("byadmin").email, oldPassword);
      const admin = new Browser(h.app);
      await admin.get("/login");
      await admin.post("/login", { email: user("ga").email });
      const signedIn = await admin.post("/login/password", {
        email: user("ga").email,
        password: "Ga-Secret-1234",
      });
      const sid = /name="sid" value="([^"]+)"/.exec(signedIn.body)?.[1];
      if (sid) await admin.post("/login/kmsi", { sid, answer: "no" });
      await admin.get(`/admin/users/${user("byadmin").id}`);
      const reset = await admin.post(`/admin/users/${user("byadmin").id}/password`, {});
      assert.equal(reset.statusCode, 200, reset.body);
      assert.match(reset.body, /byadmin@quincaillerie-test\.fr/);
      await assertRefused(rt);
    });

    it("after an application sets it through Graph (PATCH passwordProfile)", async () => {
      const rt = await refreshTokenOf(user("bygraph").email, oldPassword);
      const signer = new TokenSigner(h.identity.ctx.db, keyEncryptionKey(h.identity.ctx.config));
      const bearer = await signer.sign(
        appAccessClaims({
          version: "1",
          origin: h.identity.ctx.origin,
          tid: org.tenant.id,
          clientId: "ff28182b-b927-4697-9f0e-3d38e40971a8",
          clientObjectId: "5f3c0a43-0000-4000-8000-000000000001",
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: "https://graph.microsoft.com",
          roles: ["User.ReadWrite.All"],
        }),
      );
      const patched = await h.app.inject({
        method: "PATCH",
        url: `/v1.0/users/${user("bygraph").id}`,
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        payload: { passwordProfile: { password: newPassword, forceChangePasswordNextSignIn: false } },
      });
      assert.equal(patched.statusCode, 204, patched.body);
      await assertRefused(rt);
    });

    it("after the operator resets it with the CLI", async () => {
      const rt = await refreshTokenOf(user("bycli").email, oldPassword);
      let out = "";
      const code = await runCli(
        ["user", "reset-password", user("bycli").email],
        h.identity.ctx.config,
        (text) => {
          out += text;
        },
      );
      assert.equal(code, 0, out);
      await assertRefused(rt);
    });
  });
}
