import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Account } from "../accounts/account-queries";
import { type SeededOrganization, seedOrganization } from "../demo/organization-seed";
import { keyEncryptionKey } from "../keys/key-encryption";
import { TokenSigner } from "../keys/token-signer";
import { userAccessClaims } from "../oauth/token-claims";
import { fastArgon2 } from "../tenants/directory-test-support";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { GRAPH_APP_ID } from "./graph-token";

const CLIENT = "ff28182b-b927-4697-9f0e-3d38e40971a8";

for (const target of await testTargets()) {
  describe(`Graph authentication methods (${target.label})`, () => {
    let h: IdentityHarness;
    let org: SeededOrganization;
    let signer: TokenSigner;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      org = await seedOrganization(h.identity.ctx, {
        displayName: "Atelier Test",
        country: "FR",
        prefix: "ateliertest",
        users: [
          {
            userName: "ga",
            displayName: "Gaëlle Admin",
            password: "Ga-Secret-1234",
            roles: ["globalAdministrator"],
          },
          { userName: "plain", displayName: "Paul Plain", password: "Plain-Secret-1234" },
        ],
      });
      signer = new TokenSigner(h.identity.ctx.db, keyEncryptionKey(h.identity.ctx.config));
    });
    after(() => h.close());

    const userToken = (who: string, scp: string) => {
      const a = org.users.get(who) as Account;
      return signer.sign(
        userAccessClaims({
          version: "1",
          origin: h.identity.ctx.origin,
          user: { oid: a.id, tid: a.tenant_id, email: a.email, name: a.display_name, kind: "work" },
          clientId: CLIENT,
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: "https://graph.microsoft.com",
          scp,
          sid: "sid",
          sub: "sub",
        }),
      );
    };
    const get = async (url: string, token: string) => {
      const r = await h.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
      return { status: r.statusCode, body: r.json() };
    };

    it("lists the password, then the authenticator app without its secret, shaped as Graph", async () => {
      const plain = org.users.get("plain") as Account;
      const token = await userToken("plain", "UserAuthenticationMethod.Read");
      const before = await get("/v1.0/me/authentication/methods", token);
      assert.equal(before.status, 200);
      assert.match(before.body["@odata.context"], /\$metadata#users\('[^']+'\)\/authentication\/methods$/);
      assert.deepEqual(
        before.body.value.map((m: Record<string, unknown>) => m["@odata.type"]),
        ["#microsoft.graph.passwordAuthenticationMethod"],
      );
      assert.equal(before.body.value[0].id, "28c10230-6103-485e-b985-444c60001490");
      assert.equal(before.body.value[0].password, null);
      await h.identity.ctx.db
        .insertInto("totp_factor")
        .values({ account_id: plain.id, secret_sealed: "x", created_at: 1, enabled_at: 2, last_step: 0 })
        .execute();
      const after = await get("/v1.0/me/authentication/methods", token);
      const app = after.body.value[1];
      assert.equal(app["@odata.type"], "#microsoft.graph.softwareOathAuthenticationMethod");
      assert.equal(app.secretKey, null);
      await h.identity.ctx.db
        .insertInto("passkey")
        .values({
          credential_id: "cred-1",
          account_id: plain.id,
          public_key: "x",
          counter: 0,
          transports: "internal",
          name: "Phone",
          created_at: Date.UTC(2026, 0, 2),
          last_used_at: null,
        })
        .execute();
      const withPasskey = await get("/v1.0/me/authentication/methods", token);
      const fido = withPasskey.body.value[2];
      assert.equal(fido["@odata.type"], "#microsoft.graph.fido2AuthenticationMethod");
      assert.equal(fido.displayName, "Phone");
      assert.equal(fido.createdDateTime, "2026-01-02T00:00:00Z");
      assert.equal(fido.id, "cred-1");
    });

    it("lets an administrator with UserAuthenticationMethod.Read.All read another user's, not a plain user", async () => {
      const admin = org.users.get("ga") as Account;
      const plain = org.users.get("plain") as Account;
      const byAdmin = await get(
        `/v1.0/users/${plain.id}/authentication/methods`,
        await userToken("ga", "UserAuthenticationMethod.Read.All"),
      );
      assert.equal(byAdmin.status, 200);
      assert.equal(byAdmin.body.value.length, 3, "password, app and passkey");
      const byPlain = await get(
        `/v1.0/users/${admin.id}/authentication/methods`,
        await userToken("plain", "UserAuthenticationMethod.Read"),
      );
      assert.equal(byPlain.status, 403);
      assert.equal(byPlain.body.error.code, "Authorization_RequestDenied");
    });
  });
}
