import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type IdentityHarness, startTestIdentity } from "../../testing/identity-harness";
import { hashToken } from "../refresh-tokens";
import { createTestTenant, registerTestApp } from "../testing/oauth-fixtures";
import { decideDeviceCode } from "./device-store";

/** The v1 device code flow as ADAL drives it (adal-python constants.py, token_request.py). */
for (const target of await testTargets()) {
  describe(`v1 device code as ADAL uses it (${target.label})`, () => {
    let h: IdentityHarness;
    let tenantId: string;
    let clientId: string;
    const post = async (url: string, form: Record<string, string>) => {
      const res = await h.app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(form).toString(),
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    before(async () => {
      h = await startTestIdentity(target);
      tenantId = await createTestTenant(h.identity.ctx, "Adal");
      ({ clientId } = await registerTestApp(h.identity.ctx, { tenantId, kind: "public" }));
    });
    after(() => h.close());

    it("names the URL verification_url on v1 and takes the poll's device code in `code`", async () => {
      const started = await post(`/${tenantId}/oauth2/devicecode`, {
        client_id: clientId,
        resource: "https://graph.microsoft.com",
      });
      assert.equal(started.status, 200);
      assert.match(String(started.body.verification_url), /\/devicelogin$/);
      assert.equal(started.body.verification_uri, undefined);
      const deviceCode = String(started.body.device_code);
      const poll = () =>
        post(`/${tenantId}/oauth2/token`, {
          grant_type: "device_code",
          client_id: clientId,
          resource: "https://graph.microsoft.com",
          code: deviceCode,
        });
      const pending = await poll();
      assert.equal(pending.body.error, "authorization_pending", JSON.stringify(pending.body));
      const accountId = randomUUID();
      const now = Date.now();
      await h.identity.ctx.db
        .insertInto("account")
        .values({
          id: accountId,
          tenant_id: tenantId,
          kind: "work",
          email: "ada@adal.example",
          email_normalized: "ada@adal.example",
          password_hash: "x",
          display_name: "Ada",
          given_name: "Ada",
          family_name: "L",
          country: "FR",
          birth_date: null,
          language: "fr",
          email_verified_at: now,
          marketing_consent_at: null,
          enabled: 1,
          created_at: now,
          updated_at: now,
          password_changed_at: now,
        })
        .execute();
      await decideDeviceCode(h.identity.ctx.db, hashToken(deviceCode), {
        approved: true,
        accountId,
        sessionId: randomUUID(),
      });
      const done = await poll();
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.resource, "https://graph.microsoft.com");
      assert.ok(done.body.access_token && done.body.refresh_token);
    });

    it("keeps verification_uri on v2", async () => {
      const started = await post(`/${tenantId}/oauth2/v2.0/devicecode`, {
        client_id: clientId,
        scope: "User.Read",
      });
      assert.match(String(started.body.verification_uri), /\/devicelogin$/);
      assert.equal(started.body.verification_url, undefined);
    });
  });
}
