import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findAccountByEmail } from "../accounts/account-queries";
import { totpCode } from "../factors/totp-test-support";
import { appRefreshToken } from "../oauth/testing/code-flow";
import { TestAuthenticator } from "../passkeys/passkey-test-authenticator";
import { ROLES } from "../roles/role-catalogue";
import { signIn } from "../tenants/directory-test-support";
import { Browser } from "../testing/identity-harness";
import { personalDataLeft } from "../testing/personal-data-walk";
import { admin, demoCodeFlow, member, sidOf } from "./admin-flow-test-support";

for (const target of await testTargets()) {
  describe(`an administrator deletes a work account: the person is erased (${target.label})`, () => {
    const { harness, flow } = demoCodeFlow(target);
    const ctx = () => harness().identity.ctx;

    /** Waits for the outbox to hand every mail to `to` over (the test sink stores what it receives). */
    async function mailSettled(to: string) {
      for (let tries = 0; tries < 200; tries++) {
        ctx().mailQueued();
        const pending = await ctx()
          .db.selectFrom("mail_outbox")
          .select("id")
          .where("to_address", "=", to)
          .where("sent_at", "is", null)
          .execute();
        if (pending.length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`mail to ${to} still pending`);
    }

    it("leaves no personal data in any table, refuses the refresh tokens, and audits under a pseudonym", async () => {
      const ip = "192.0.2.141";
      const browser = new Browser(harness().app, "fr", ip);
      await signIn(browser, member.email, member.password);
      const refreshToken = await appRefreshToken(flow, browser);
      const sid = sidOf((await browser.get("/account")).body);

      // A passkey, then an authenticator app: the factors an erasure must take too.
      const key = new TestAuthenticator(ctx().origin);
      await browser.get(`/account/security/passkeys?sid=${sid}`);
      const options = (await browser.post("/account/security/passkeys/options", { sid })).json();
      const added = await browser.post("/account/security/passkeys", {
        sid,
        name: "Portable de Claire",
        webauthn_challenge: options.challenge,
        response: JSON.stringify(key.create(options)),
      });
      assert.equal(added.statusCode, 200, added.body);
      const setup = await browser.get(`/account/security/totp?sid=${sid}`);
      const secret = /data-totp-secret>([^<]+)</.exec(setup.body)?.[1] ?? "";
      const enabled = await browser.post("/account/security/totp", { sid, code: totpCode(secret) });
      assert.equal(enabled.statusCode, 200, enabled.body);

      const account = await findAccountByEmail(ctx().db, member.email);
      assert.ok(account);
      const owned = async () => ({
        sessions: await ctx()
          .db.selectFrom("sign_in_session")
          .select("id")
          .where("account_id", "=", account.id)
          .execute(),
        grants: await ctx()
          .db.selectFrom("oauth2_permission_grant")
          .select("id")
          .where("principal_id", "=", account.id)
          .execute(),
        log: await ctx().db.selectFrom("sign_in_log").select("id").where("ip", "=", ip).execute(),
      });
      const before = await owned();
      assert.ok(
        before.sessions.length > 0 && before.grants.length > 0 && before.log.length > 0,
        "the set-up held",
      );

      // Mail in flight at the deletion would land in the test sink after it; the product relays it.
      await mailSettled(member.email);
      const yves = new Browser(harness().app, "fr");
      await signIn(yves, admin.email, admin.password);
      await yves.get(`/admin/users/${account.id}`);
      const deleted = await yves.post(`/admin/users/${account.id}/delete`, {});
      assert.equal(deleted.statusCode, 303, deleted.body);

      const refused = await flow.refresh(refreshToken);
      assert.equal(refused.status, 400);
      assert.equal(refused.json.error, "invalid_grant");
      assert.equal((await browser.get("/account")).statusCode, 303, "the member's browser is signed out");

      const traces = [
        account.id,
        member.email,
        "Claire Lefèvre",
        "Lefèvre",
        ip,
        "Portable de Claire",
        key.credentialId.toString("base64url"),
      ];
      const { tables, found } = await personalDataLeft(ctx().db, traces);
      assert.ok(tables > 40, `the walk sees the whole schema (${tables} tables)`);
      assert.deepEqual(found, [], "personal data left after the administrator's deletion");

      // The audit keeps what was done, to whom under a pseudonym, by whom by name.
      const erased = await ctx().db.selectFrom("erased_account").selectAll().execute();
      assert.equal(erased.length, 1);
      const pseudonym = erased[0]?.pseudonym ?? "";
      assert.equal(erased[0]?.tenant_id, account.tenant_id);
      const entry = await ctx()
        .db.selectFrom("audit_log")
        .select(["actor_name", "target"])
        .where("action", "=", "user.delete")
        .executeTakeFirstOrThrow();
      assert.deepEqual(entry, { actor_name: admin.email, target: pseudonym });
      const log = await ctx()
        .db.selectFrom("sign_in_log")
        .select("account_id")
        .where("account_id", "=", pseudonym)
        .execute();
      assert.ok(log.length > 0, "the sign-in log keeps its entries under the pseudonym");
    });

    it("leaves no name in the entry when an administrator deletes their own account", async () => {
      // Boulangerie Martin: Lucas becomes a second Global Administrator, then deletes himself.
      const lucas = { email: "lucas.bernard@boulangerie-martin.fr", password: "Croissant-Beurre-63" };
      const account = await findAccountByEmail(ctx().db, lucas.email);
      assert.ok(account);
      await ctx()
        .db.insertInto("directory_role_assignment")
        .values({
          tenant_id: account.tenant_id,
          account_id: account.id,
          role_template_id: ROLES.globalAdministrator,
          assigned_at: Date.now(),
        })
        .execute();
      const ip = "192.0.2.142";
      const browser = new Browser(harness().app, "fr", ip);
      await signIn(browser, lucas.email, lucas.password);
      await browser.get(`/admin/users/${account.id}`);
      const deleted = await browser.post(`/admin/users/${account.id}/delete`, {});
      assert.equal(deleted.statusCode, 303, deleted.body);
      await mailSettled(lucas.email);
      const { found } = await personalDataLeft(ctx().db, [account.id, lucas.email, "Lucas Bernard", ip]);
      assert.deepEqual(found, [], "personal data left after deleting oneself");
    });
  });
}
