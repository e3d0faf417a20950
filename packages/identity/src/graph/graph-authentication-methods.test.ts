import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Account } from "../accounts/account-queries";
import { cliActor } from "../audit/audit-log";
import { type SeededOrganization, seedOrganization } from "../demo/organization-seed";
import { setSecurityDefaults } from "../factors/security-defaults-operations";
import { keyEncryptionKey } from "../keys/key-encryption";
import { TokenSigner } from "../keys/token-signer";
import { appAccessClaims, userAccessClaims } from "../oauth/token-claims";
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
          { userName: "other", displayName: "Olga Other", password: "Other-Secret-1234" },
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
    const appToken = (roles: string[]) =>
      signer.sign(
        appAccessClaims({
          version: "1",
          origin: h.identity.ctx.origin,
          tid: org.tenant.id,
          clientId: CLIENT,
          clientObjectId: "5f3c0a43-0000-4000-8000-000000000002",
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: "https://graph.microsoft.com",
          roles,
        }),
      );
    const call = async (method: "GET" | "DELETE", url: string, token: string) => {
      const r = await h.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
      return { status: r.statusCode, body: r.body ? r.json() : undefined };
    };
    const get = (url: string, token: string) => call("GET", url, token);
    const del = (url: string, token: string) => call("DELETE", url, token);
    const addPasskey = (who: string, credentialId: string, name: string) =>
      h.identity.ctx.db
        .insertInto("passkey")
        .values({
          credential_id: credentialId,
          account_id: (org.users.get(who) as Account).id,
          public_key: "x",
          counter: 0,
          transports: "internal",
          name,
          created_at: Date.now(),
          last_used_at: null,
        })
        .execute();
    const factorsOf = async (who: string) => {
      const id = (org.users.get(who) as Account).id;
      const db = h.identity.ctx.db;
      const keys = await db
        .selectFrom("passkey")
        .select("credential_id")
        .where("account_id", "=", id)
        .execute();
      const app = await db
        .selectFrom("totp_factor")
        .select("account_id")
        .where("account_id", "=", id)
        .execute();
      return { passkeys: keys.map((k) => k.credential_id).sort(), app: app.length };
    };
    const removalMails = async (who: string) =>
      (
        await h.identity.ctx.db
          .selectFrom("mail_outbox")
          .select("id")
          .where("to_address", "=", (org.users.get(who) as Account).email)
          .where("subject", "in", [
            "A verification method was removed from your Sésame account",
            "Une méthode de vérification a été supprimée de votre compte Sésame",
          ])
          .execute()
      ).length;
    const removals = async (action: string) =>
      (await h.identity.ctx.db.selectFrom("audit_log").select("id").where("action", "=", action).execute())
        .length;

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

    it("deletes the caller's own passkey and app with UserAuthenticationMethod.ReadWrite, audited and mailed", async () => {
      const plain = org.users.get("plain") as Account;
      const other = org.users.get("other") as Account;
      await addPasskey("other", "cred-other", "Olga's key");
      const readOnly = await userToken("plain", "UserAuthenticationMethod.Read");
      const refused = await del("/v1.0/me/authentication/fido2Methods/cred-1", readOnly);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, "Authorization_RequestDenied");

      const one = await get("/v1.0/me/authentication/fido2Methods/cred-1", readOnly);
      assert.equal(one.status, 200);
      assert.match(one.body["@odata.context"], /\/authentication\/fido2Methods\/\$entity$/);
      assert.equal(one.body.displayName, "Phone");

      const token = await userToken("plain", "UserAuthenticationMethod.ReadWrite");
      for (const id of ["cred-other", "no-such-key"]) {
        const unknown = await del(`/v1.0/me/authentication/fido2Methods/${id}`, token);
        assert.equal(unknown.status, 404);
        assert.equal(unknown.body.error.code, "Request_ResourceNotFound");
      }
      const mailsBefore = await removalMails("plain");
      const removed = await del("/v1.0/me/authentication/fido2Methods/cred-1", token);
      assert.equal(removed.status, 204);
      assert.equal((await get("/v1.0/me/authentication/fido2Methods/cred-1", token)).status, 404);

      const otherApp = await del(`/v1.0/me/authentication/softwareOathMethods/totp-${other.id}`, token);
      assert.equal(otherApp.status, 404);
      const app = await get(
        `/v1.0/users/${plain.id}/authentication/softwareOathMethods/totp-${plain.id}`,
        token,
      );
      assert.equal(app.status, 200);
      assert.equal(app.body.secretKey, null);
      const appRemoved = await del(`/v1.0/me/authentication/softwareOathMethods/totp-${plain.id}`, token);
      assert.equal(appRemoved.status, 204);
      assert.equal(
        (await del(`/v1.0/me/authentication/softwareOathMethods/totp-${plain.id}`, token)).status,
        404,
      );

      assert.deepEqual(await factorsOf("plain"), { passkeys: [], app: 0 });
      assert.deepEqual(await factorsOf("other"), { passkeys: ["cred-other"], app: 0 });
      assert.equal(await removals("factor.passkey.remove"), 1);
      assert.equal(await removals("factor.totp.remove"), 1);
      assert.equal(await removalMails("plain"), mailsBefore + 2, "the holder is told of each removal");
    });

    it("lets an administrator or an application remove another user's method, not a plain user", async () => {
      const other = org.users.get("other") as Account;
      await addPasskey("other", "cred-other-2", "Spare key");
      const url = (id: string) => `/v1.0/users/${other.id}/authentication/fido2Methods/${id}`;
      const byPlain = await del(
        url("cred-other"),
        await userToken("plain", "UserAuthenticationMethod.ReadWrite.All"),
      );
      assert.equal(byPlain.status, 403, "the permission without a role that manages users");
      const readOnlyAdmin = await del(
        url("cred-other"),
        await userToken("ga", "UserAuthenticationMethod.Read.All"),
      );
      assert.equal(readOnlyAdmin.status, 403);
      const unknownUser = await del(
        "/v1.0/users/00000000-0000-4000-8000-00000000dead/authentication/fido2Methods/cred-other",
        await userToken("ga", "UserAuthenticationMethod.ReadWrite.All"),
      );
      assert.equal(unknownUser.status, 404);
      const byAdmin = await del(
        url("cred-other"),
        await userToken("ga", "UserAuthenticationMethod.ReadWrite.All"),
      );
      assert.equal(byAdmin.status, 204);
      assert.equal(
        (await del(url("cred-other-2"), await appToken(["UserAuthenticationMethod.Read.All"]))).status,
        403,
      );
      const byApp = await del(
        url("cred-other-2"),
        await appToken(["UserAuthenticationMethod.ReadWrite.All"]),
      );
      assert.equal(byApp.status, 204);
      assert.deepEqual(await factorsOf("other"), { passkeys: [], app: 0 });
      const meByApp = await del(
        "/v1.0/me/authentication/fido2Methods/cred-other",
        await appToken(["UserAuthenticationMethod.ReadWrite.All"]),
      );
      assert.equal(meByApp.status, 403, "/me needs a signed-in user");
      assert.equal(await removalMails("other"), 2);
    });

    it("refuses to remove an administrator's last method while the organization requires MFA", async () => {
      const admin = org.users.get("ga") as Account;
      await addPasskey("ga", "cred-ga", "Gaëlle's key");
      await setSecurityDefaults(h.identity.ctx, cliActor, org.tenant.id, true);
      const own = await del(
        "/v1.0/me/authentication/fido2Methods/cred-ga",
        await userToken("ga", "UserAuthenticationMethod.ReadWrite"),
      );
      assert.equal(own.status, 400);
      assert.equal(own.body.error.code, "Request_BadRequest");
      assert.match(own.body.error.message, /last authentication method of an administrator/);
      const byApp = await del(
        `/v1.0/users/${admin.id}/authentication/fido2Methods/cred-ga`,
        await appToken(["UserAuthenticationMethod.ReadWrite.All"]),
      );
      assert.equal(byApp.status, 400);
      assert.deepEqual(await factorsOf("ga"), { passkeys: ["cred-ga"], app: 0 });
      await setSecurityDefaults(h.identity.ctx, cliActor, org.tenant.id, false);
      const allowed = await del(
        "/v1.0/me/authentication/fido2Methods/cred-ga",
        await userToken("ga", "UserAuthenticationMethod.ReadWrite"),
      );
      assert.equal(allowed.status, 204);
    });
  });
}
