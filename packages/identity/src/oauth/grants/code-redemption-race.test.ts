import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness } from "../../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../testing/code-flow";

const PARALLEL = 10;
const ROUNDS = 4;

for (const target of await testTargets()) {
  describe(`a code redeemed in parallel (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { signInAndGetCode, redeem, refresh } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());

    it("gives tokens to exactly one request, and the others' reuse revokes what it issued", async () => {
      // Several rounds: a race that happens to serialise once must not hide the window.
      for (let round = 0; round < ROUNDS; round++) await raceOnce();
    });

    async function raceOnce() {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const results = await Promise.all(Array.from({ length: PARALLEL }, () => redeem(code)));
      const won = results.filter((r) => r.status === 200);
      assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.status)));
      for (const lost of results.filter((r) => r.status !== 200)) {
        assert.equal(lost.status, 400);
        assert.equal(lost.json.error, "invalid_grant");
        assert.deepEqual(lost.json.error_codes, [54005]);
      }
      const winner = won[0]?.json.refresh_token;
      assert.ok(winner);
      const after = await refresh(winner);
      assert.equal(after.status, 400, "the code was used more than once: its refresh token is revoked");
      assert.equal(after.json.error, "invalid_grant");
      assert.deepEqual(after.json.error_codes, [70008]);
    }

    it("a replay after the race still answers AADSTS54005", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      await Promise.all(Array.from({ length: 3 }, () => redeem(code)));
      const replay = await redeem(code);
      assert.deepEqual(replay.json.error_codes, [54005]);
    });
  });
}
