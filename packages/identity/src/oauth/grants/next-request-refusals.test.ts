import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { endOwnSession } from "../../account-page/account-operations";
import { markRegistrationRequired } from "../../factors/registration-queries";
import { ROLES } from "../../roles/role-catalogue";
import { saveSecurityDefaults } from "../../tenants/security-defaults-queries";
import { Browser, type IdentityHarness } from "../../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../testing/code-flow";

/**
 * Issue 17 made the code and refresh paths cheaper; none of it may cache what a revocation
 * changes. Each test lets the flow run once (so every read the path makes has been made), changes
 * one security fact, and checks that the very next request is refused.
 */
for (const target of await testTargets()) {
  describe(`the next request after a revocation is refused (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { authorizeUrl, signInAndGetCode, redeem, refresh } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());

    /** A browser signed in with consent, a code not yet redeemed, and a refresh token that worked. */
    const warmFlow = async () => {
      const browser = new Browser(h.app);
      const first = await redeem((await signInAndGetCode(browser)).code);
      assert.equal(first.status, 200, JSON.stringify(first.json));
      const refreshed = await refresh(first.json.refresh_token);
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.json));
      const { code } = await signInAndGetCode(browser);
      const oid = String(decodeJwt(first.json.id_token).oid);
      const sid = String(decodeJwt(first.json.id_token).sid);
      return { browser, code, refreshToken: String(refreshed.json.refresh_token), oid, sid };
    };

    it("a consent removed from the directory: the held refresh token and the pending code stop working", async () => {
      const { code, refreshToken, oid } = await warmFlow();
      // As an administrator removing the grant: the tokens themselves are left alone.
      await h.identity.ctx.db
        .deleteFrom("oauth2_permission_grant")
        .where("client_app_id", "=", client.clientId)
        .where("principal_id", "=", oid)
        .execute();
      const refreshed = await refresh(refreshToken);
      assert.equal(refreshed.status, 400);
      assert.deepEqual(refreshed.json.error_codes, [65001]);
      const redeemed = await redeem(code);
      assert.equal(redeemed.status, 400);
      assert.deepEqual(redeemed.json.error_codes, [65001]);
    });

    it("a disabled account: no refresh, no code redemption, no new code", async () => {
      const { browser, code, refreshToken, oid } = await warmFlow();
      const account = h.identity.ctx.db.updateTable("account").where("id", "=", oid);
      await account.set({ enabled: 0 }).execute();
      try {
        const refreshed = await refresh(refreshToken);
        assert.equal(refreshed.status, 400);
        assert.equal(refreshed.json.error, "invalid_grant");
        const redeemed = await redeem(code);
        assert.equal(redeemed.status, 400);
        assert.equal(redeemed.json.error, "invalid_grant");
        const authorize = await browser.get(authorizeUrl());
        assert.equal(authorize.statusCode, 302);
        assert.equal(new URL(String(authorize.headers.location), "https://x").searchParams.get("code"), null);
      } finally {
        await account.set({ enabled: 1 }).execute();
      }
    });

    it("a session ended from the account page: authorize asks to sign in, its refresh token is refused", async () => {
      const { browser, refreshToken, oid, sid } = await warmFlow();
      assert.ok(await endOwnSession(h.identity.ctx, oid, sid));
      const authorize = await browser.get(authorizeUrl());
      assert.equal(authorize.statusCode, 302);
      assert.match(String(authorize.headers.location), /^\/login\?/);
      const refreshed = await refresh(refreshToken);
      assert.equal(refreshed.status, 400);
      assert.deepEqual(refreshed.json.error_codes, [70008]);
    });

    it("a refresh token already used (past the retry window) is refused, and so is its successor", async () => {
      const { refreshToken } = await warmFlow();
      const next = await refresh(refreshToken);
      assert.equal(next.status, 200);
      await h.identity.ctx.db
        .updateTable("refresh_token")
        .set((eb) => ({ rotated_at: eb("rotated_at", "-", 3_600_000) }))
        .where("rotated_at", "is not", null)
        .execute();
      const reused = await refresh(refreshToken);
      assert.equal(reused.status, 400);
      assert.deepEqual(reused.json.error_codes, [70008]);
      assert.equal((await refresh(next.json.refresh_token)).status, 400);
    });
    /**
     * After a warm flow, `change` gives the account a second factor to prove: the password-only
     * refresh token is refused at once (AADSTS50076). `table`: where the change is undone.
     */
    const factorAskedAfter = async (
      change: (oid: string) => Promise<unknown>,
      table: "passkey" | "factor_registration",
    ) => {
      const { refreshToken, oid } = await warmFlow();
      await change(oid);
      try {
        const refused = await refresh(refreshToken);
        assert.equal(refused.status, 400, JSON.stringify(refused.json));
        assert.deepEqual(refused.json.error_codes, [50076]);
      } finally {
        await h.identity.ctx.db.deleteFrom(table).where("account_id", "=", oid).execute();
      }
    };

    it("a passkey registered since the sign-in: the password-only refresh token asks for it", () =>
      factorAskedAfter(
        (oid) =>
          h.identity.ctx.db
            .insertInto("passkey")
            .values({
              credential_id: `cred-${oid}`,
              account_id: oid,
              public_key: "k",
              counter: 0,
              transports: "internal",
              name: "Key",
              created_at: Date.now(),
              last_used_at: null,
            })
            .execute(),
        "passkey",
      ));

    it("a new factor registration required by an administrator: the refresh token asks for it", () =>
      factorAskedAfter(
        (oid) => markRegistrationRequired(h.identity.ctx.db, oid, Date.now()),
        "factor_registration",
      ));

    it("an administrator role under security defaults (Global Reader is not one): the refresh token asks for a factor", async () => {
      const { refreshToken, oid } = await warmFlow();
      const db = h.identity.ctx.db;
      const account = await db
        .selectFrom("account")
        .select(["kind", "tenant_id"])
        .where("id", "=", oid)
        .executeTakeFirstOrThrow();
      // The rule covers work accounts: this one is made one for the test.
      await db.updateTable("account").set({ kind: "work" }).where("id", "=", oid).execute();
      await saveSecurityDefaults(db, account.tenant_id, true);
      const role = (id: string) => ({
        tenant_id: account.tenant_id,
        account_id: oid,
        role_template_id: id,
        assigned_at: 0,
      });
      try {
        await db.insertInto("directory_role_assignment").values(role(ROLES.globalReader)).execute();
        const reader = await refresh(refreshToken);
        assert.equal(reader.status, 200, JSON.stringify(reader.json));
        await db.insertInto("directory_role_assignment").values(role(ROLES.userAdministrator)).execute();
        const refused = await refresh(String(reader.json.refresh_token));
        assert.equal(refused.status, 400, JSON.stringify(refused.json));
        assert.deepEqual(refused.json.error_codes, [50076]);
      } finally {
        await db.deleteFrom("directory_role_assignment").where("account_id", "=", oid).execute();
        await saveSecurityDefaults(db, account.tenant_id, false);
        await db.updateTable("account").set({ kind: account.kind }).where("id", "=", oid).execute();
      }
    });
  });
}
