import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { Browser, type IdentityHarness } from "../../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../testing/code-flow";

for (const target of await testTargets()) {
  describe(`a lost refresh response, retried (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { signInAndGetCode, redeem, refresh } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());

    const freshRefreshToken = async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const issued = await redeem(code);
      assert.equal(issued.status, 200);
      return String(issued.json.refresh_token);
    };
    /** Moves every rotation of the database `seconds` into the past, as if that time had gone by. */
    const age = (seconds: number) =>
      h.identity.ctx.db
        .updateTable("refresh_token")
        .set((eb) => ({ rotated_at: eb("rotated_at", "-", seconds * 1000) }))
        .where("rotated_at", "is not", null)
        .execute();

    it("gets the same successor when it retries with the previous token within the window", async () => {
      const first = await freshRefreshToken();
      const lost = await refresh(first);
      assert.equal(lost.status, 200);
      const retried = await refresh(first);
      assert.equal(retried.status, 200, JSON.stringify(retried.json));
      assert.equal(retried.json.refresh_token, lost.json.refresh_token);
      assert.ok(decodeJwt(retried.json.access_token).exp);
      const next = await refresh(retried.json.refresh_token);
      assert.equal(next.status, 200, "the successor still works, once");
    });

    it("parallel retries all converge on one successor", async () => {
      const first = await freshRefreshToken();
      const results = await Promise.all(Array.from({ length: 10 }, () => refresh(first)));
      assert.deepEqual(
        results.map((r) => r.status),
        results.map(() => 200),
      );
      assert.equal(new Set(results.map((r) => r.json.refresh_token)).size, 1);
      assert.equal((await refresh(results[0]?.json.refresh_token)).status, 200);
    });

    it("revokes the family when the previous token comes back after its successor was used", async () => {
      const first = await freshRefreshToken();
      const second = (await refresh(first)).json.refresh_token;
      const third = await refresh(second);
      assert.equal(third.status, 200);
      const reuse = await refresh(first);
      assert.equal(reuse.status, 400);
      assert.deepEqual(reuse.json.error_codes, [70008]);
      assert.equal((await refresh(third.json.refresh_token)).status, 400, "the family is revoked");
    });

    it("revokes the family when the previous token comes back after the window", async () => {
      const first = await freshRefreshToken();
      const second = (await refresh(first)).json.refresh_token;
      await age(31);
      const late = await refresh(first);
      assert.equal(late.status, 400);
      assert.deepEqual(late.json.error_codes, [70008]);
      assert.equal((await refresh(second)).status, 400, "the family is revoked");
    });

    it("refuses a refresh token issued before the account's password changed (AADSTS50173)", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const issued = (await redeem(code)).json;
      const oid = String(decodeJwt(issued.id_token).oid);
      const account = h.identity.ctx.db.updateTable("account").where("id", "=", oid);
      const { password_changed_at } = await h.identity.ctx.db
        .selectFrom("account")
        .select("password_changed_at")
        .where("id", "=", oid)
        .executeTakeFirstOrThrow();
      await account.set({ password_changed_at: Date.now() + 1000 }).execute();
      try {
        const { json, status } = await refresh(issued.refresh_token);
        assert.equal(status, 400);
        assert.equal(json.error, "invalid_grant");
        assert.deepEqual(json.error_codes, [50173]);
      } finally {
        await account.set({ password_changed_at }).execute();
      }
    });
  });
}
