import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { importJWK, jwtVerify } from "jose";
import { CONSUMER_TENANT_ID } from "../config";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { keyEncryptionKey } from "../keys/key-encryption";
import { rotateSigningKey } from "../keys/signing-keys";
import { TokenSigner } from "../keys/token-signer";
import { createTestTenant } from "../oauth/testing/oauth-fixtures";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

for (const target of await testTargets()) {
  describe(`discovery as Entra serves it (${target.label})`, () => {
    let h: IdentityHarness;
    const get = async (url: string) => {
      const r = await h.app.inject({ method: "GET", url });
      return { status: r.statusCode, json: r.json(), headers: r.headers };
    };
    before(async () => {
      h = await startTestIdentity(target);
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    it("publishes a v2 document with the {tenantid} issuer template on /common", async () => {
      const { status, json, headers } = await get("/common/v2.0/.well-known/openid-configuration");
      const origin = h.identity.ctx.origin;
      assert.equal(status, 200);
      assert.equal(json.issuer, `${origin}/{tenantid}/v2.0`);
      assert.equal(json.token_endpoint, `${origin}/common/oauth2/v2.0/token`);
      assert.equal(json.jwks_uri, `${origin}/common/discovery/v2.0/keys`);
      assert.deepEqual(json.response_modes_supported, ["query", "fragment", "form_post"]);
      assert.equal(headers["access-control-allow-origin"], "*");
    });

    it("names the consumer tenant in the consumers issuer, and uses the v1 shapes on v1", async () => {
      const v2 = await get("/consumers/v2.0/.well-known/openid-configuration");
      assert.equal(v2.json.issuer, `${h.identity.ctx.origin}/${CONSUMER_TENANT_ID}/v2.0`);
      const v1 = await get(`/${CONSUMER_TENANT_ID}/.well-known/openid-configuration`);
      assert.equal(v1.json.issuer, `${h.identity.ctx.origin}/${CONSUMER_TENANT_ID}/`);
      assert.equal(v1.json.jwks_uri, `${h.identity.ctx.origin}/common/discovery/keys`);
      assert.equal(v1.json.token_endpoint, `${h.identity.ctx.origin}/${CONSUMER_TENANT_ID}/oauth2/token`);
    });

    it("answers an unknown tenant with AADSTS90002", async () => {
      const r = await get("/contoso.example/v2.0/.well-known/openid-configuration");
      assert.equal(r.status, 400);
      assert.match(r.json.error_description, /^AADSTS90002: Tenant 'contoso.example' not found/);
      assert.deepEqual(r.json.error_codes, [90002]);
      // Discovery names the error invalid_tenant where the token endpoint says invalid_request.
      assert.equal(r.json.error, "invalid_tenant");
      const v1 = await get("/contoso.example/.well-known/openid-configuration");
      assert.equal(v1.json.error, "invalid_tenant");
    });

    it("publishes RSA keys whose kid is the certificate thumbprint, and keeps the old key after rotation", async () => {
      const before = await get("/common/discovery/v2.0/keys");
      assert.equal(before.json.keys.length, 1);
      const [key] = before.json.keys;
      assert.equal(key.kid, key.x5t);
      assert.equal(key.kty, "RSA");
      assert.equal(key.e, "AQAB");
      assert.equal(key.issuer, `${h.identity.ctx.origin}/{tenantid}/v2.0`);
      const { X509Certificate, createHash } = await import("node:crypto");
      const der = Buffer.from(key.x5c[0], "base64");
      assert.equal(createHash("sha1").update(der).digest("base64url"), key.kid);
      assert.ok(new X509Certificate(der).publicKey.asymmetricKeyDetails?.modulusLength === 2048);
      const kek = keyEncryptionKey(h.identity.ctx.config);
      const newKid = await rotateSigningKey(h.identity.ctx.db, kek);
      const after = await get("/common/discovery/keys");
      assert.deepEqual(
        after.json.keys.map((k: { kid: string }) => k.kid),
        [newKid, key.kid],
      );
      const signer = new TokenSigner(h.identity.ctx.db, kek);
      const jwt = await signer.sign({ aud: "x" });
      const published = after.json.keys.find((k: { kid: string }) => k.kid === newKid);
      const verified = await jwtVerify(jwt, await importJWK({ ...published, alg: "RS256" }));
      assert.equal(verified.protectedHeader.kid, newKid);
    });

    it("answers MSAL's instance discovery for this host only", async () => {
      const host = new URL(h.identity.ctx.origin).host;
      const ok = await get(
        `/common/discovery/instance?api-version=1.1&authorization_endpoint=https://${host}/common/oauth2/v2.0/authorize`,
      );
      assert.equal(
        ok.json.tenant_discovery_endpoint,
        `${h.identity.ctx.origin}/common/v2.0/.well-known/openid-configuration`,
      );
      assert.deepEqual(ok.json.metadata[0].aliases, [host]);
      const other = await get(
        "/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.evil.example/common/oauth2/v2.0/authorize",
      );
      assert.equal(other.json.error, "invalid_instance");
    });

    it("answers Managed for the verified domain of an organization, and resolves it as an authority", async () => {
      const tenantId = await createTestTenant(h.identity.ctx, "Boulangerie");
      await h.identity.ctx.db
        .insertInto("tenant_domain")
        .values({
          name: "boulangerie.example",
          tenant_id: tenantId,
          is_initial: 0,
          is_default: 1,
          verification_token: "t",
          verified_at: Date.now(),
          created_at: Date.now(),
        })
        .execute();
      const srf = await get("/getuserrealm.srf?login=paul@boulangerie.example");
      assert.equal(srf.json.NameSpaceType, "Managed");
      assert.equal(srf.json.FederationBrandName, "Boulangerie");
      const v1 = await get("/common/userrealm/paul@boulangerie.example?api-version=1.0");
      assert.equal(v1.json.account_type, "Managed");
      // ADAL's spelling (adal-python user_realm.py), and any other case, as at Entra.
      for (const path of ["/common/UserRealm/", "/COMMON/USERREALM/", "/Common/userRealm/"]) {
        const adal = await get(`${path}paul@boulangerie.example?api-version=1.0`);
        assert.equal(adal.json.account_type, "Managed", path);
      }
      const cred = (
        await h.app.inject({
          method: "POST",
          url: "/common/GetCredentialType",
          payload: { Username: "paul@boulangerie.example" },
        })
      ).json();
      assert.equal(cred.IfExistsResult, 1);
      assert.equal(cred.EstsProperties.DomainType, 3);
      const doc = await get("/boulangerie.example/v2.0/.well-known/openid-configuration");
      assert.equal(doc.json.issuer, `${h.identity.ctx.origin}/${tenantId}/v2.0`);
    });

    it("tells a personal account, an unknown address and an unknown domain apart", async () => {
      const post = async (Username: string) =>
        (
          await h.app.inject({ method: "POST", url: "/common/GetCredentialType", payload: { Username } })
        ).json();
      assert.equal((await post(demoPersonalAccount.email)).IfExistsResult, 5);
      assert.equal((await post("personne@outlook.fr")).IfExistsResult, 1);
      const realm = await get(`/common/userrealm/${demoPersonalAccount.email}?api-version=2.0`);
      assert.equal(realm.json.NameSpaceType, "Unknown");
      const v1 = await get("/common/userrealm/someone@unknown.example?api-version=1.0");
      assert.equal(v1.json.account_type, "Unknown");
      const srf = await get("/getuserrealm.srf?login=someone@unknown.example");
      assert.equal(srf.json.NameSpaceType, "Unknown");
    });
  });
}
