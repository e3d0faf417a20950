import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Browser, type IdentityHarness } from "../../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../testing/code-flow";

const PARALLEL = 10;
const ROUNDS = 3;

for (const target of await testTargets()) {
  describe(`a refresh token used in parallel without grace (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { signInAndGetCode, redeem, refresh } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      ({ h, client } = await startCodeFlow(target, { SESAME_REFRESH_REUSE_GRACE_SECONDS: "0" }));
    });
    after(() => h.close());

    it("rotates for exactly one request; the reuse revokes the family, the winner's token included", async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { code } = await signInAndGetCode(new Browser(h.app));
        const issued = await redeem(code);
        const results = await Promise.all(
          Array.from({ length: PARALLEL }, () => refresh(issued.json.refresh_token)),
        );
        const won = results.filter((r) => r.status === 200);
        assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.status)));
        for (const lost of results.filter((r) => r.status !== 200)) {
          assert.equal(lost.status, 400);
          assert.equal(lost.json.error, "invalid_grant");
        }
        const successor = await refresh(won[0]?.json.refresh_token);
        assert.deepEqual(successor.json.error_codes, [70008], "the family is revoked");
      }
    });
  });
}
