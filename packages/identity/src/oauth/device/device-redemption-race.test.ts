import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findAccountByEmail } from "../../accounts/account-queries";
import { GRAPH_APP_ID } from "../../apps/graph-app";
import { recordUserConsent } from "../../consent/consent-queries";
import { demoPersonalAccount } from "../../demo/demo-data";
import type { IdentityHarness } from "../../testing/identity-harness";
import { hashToken } from "../refresh-tokens";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../testing/code-flow";
import { createDeviceCode, decideDeviceCode } from "./device-store";

const PARALLEL = 10;

for (const target of await testTargets()) {
  describe(`an approved device code polled in parallel (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { token, refresh } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      ({ h, client } = await startCodeFlow(target));
    });
    after(() => h.close());

    /** A device code the demo user already approved on /devicelogin. */
    const approvedDeviceCode = async () => {
      const db = h.identity.ctx.db;
      const account = await findAccountByEmail(db, demoPersonalAccount.email);
      assert.ok(account);
      await recordUserConsent(db, {
        clientAppId: client.clientId,
        resourceAppId: GRAPH_APP_ID,
        tenantId: account.tenant_id,
        principalId: account.id,
        scopes: ["openid", "offline_access", "User.Read"],
      });
      const { deviceCode } = await createDeviceCode(db, {
        clientId: client.clientId,
        scope: "openid offline_access User.Read",
        tenantSegment: "common",
      });
      await decideDeviceCode(db, hashToken(deviceCode), {
        approved: true,
        accountId: account.id,
        sessionId: "device-session",
      });
      return deviceCode;
    };
    const poll = (deviceCode: string) =>
      token({
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
        client_id: client.clientId,
        client_secret: client.secret,
        device_code: deviceCode,
      });

    it("gives tokens once; the parallel reuse revokes the refresh token it issued", async () => {
      for (let round = 0; round < 3; round++) {
        const deviceCode = await approvedDeviceCode();
        const results = await Promise.all(Array.from({ length: PARALLEL }, () => poll(deviceCode)));
        const won = results.filter((r) => r.status === 200);
        assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.status)));
        for (const lost of results.filter((r) => r.status !== 200)) {
          assert.equal(lost.json.error, "invalid_grant");
          assert.deepEqual(lost.json.error_codes, [54005]);
        }
        const successor = await refresh(won[0]?.json.refresh_token);
        assert.deepEqual(successor.json.error_codes, [70008], "the family is revoked");
      }
    });

    it("a device code polled again after its tokens were issued revokes them", async () => {
      const deviceCode = await approvedDeviceCode();
      const first = await poll(deviceCode);
      assert.equal(first.status, 200);
      assert.deepEqual((await poll(deviceCode)).json.error_codes, [54005]);
      assert.deepEqual((await refresh(first.json.refresh_token)).json.error_codes, [70008]);
    });
  });
}
