import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { GRAPH_APP_ID } from "../apps/graph-app";
import { CONSUMER_TENANT_ID } from "../config";
import { replacePassword } from "../credentials/password-change";
import { demoPersonalAccount } from "../demo/demo-data";
import { Browser, type IdentityHarness } from "../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "./testing/code-flow";

for (const target of await testTargets()) {
  describe(`authorization code, refresh and their failures (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { authorizeUrl, token, signInAndGetCode, redeem } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      // Without the lost-response grace, so that any reuse of a rotated token is theft.
      ({ h, client } = await startCodeFlow(target, { SESAME_REFRESH_REUSE_GRACE_SECONDS: "0" }));
    });
    after(() => h.close());

    it("signs a personal account in, asks consent once, and issues Microsoft-shaped tokens", async () => {
      const browser = new Browser(h.app);
      const first = await browser.get(authorizeUrl());
      assert.equal(first.statusCode, 302);
      assert.match(String(first.headers.location), /^\/login\?return=%2Fcommon%2Foauth2%2Fv2.0%2Fauthorize/);
      const { location, code } = await signInAndGetCode(browser);
      assert.equal(location.origin + location.pathname, client.redirect);
      assert.equal(location.searchParams.get("state"), "st-1");
      const { status, json } = await redeem(code);
      assert.equal(status, 200, JSON.stringify(json));
      assert.equal(json.token_type, "Bearer");
      assert.equal(json.expires_in, 3599);
      assert.equal(json.ext_expires_in, 3599);
      assert.ok(json.refresh_token);
      const id = decodeJwt(json.id_token);
      assert.equal(id.aud, client.clientId);
      assert.equal(id.iss, `${h.identity.ctx.origin}/${CONSUMER_TENANT_ID}/v2.0`);
      assert.equal(id.tid, CONSUMER_TENANT_ID);
      assert.equal(id.nonce, "n-1");
      assert.equal(id.ver, "2.0");
      assert.equal(id.preferred_username, demoPersonalAccount.email);
      assert.equal(id.email, demoPersonalAccount.email);
      assert.notEqual(id.sub, id.oid);
      const at = decodeJwt(json.access_token);
      assert.equal(at.aud, GRAPH_APP_ID);
      assert.equal(at.scp, "User.Read openid profile email");
      assert.equal(at.azp, client.clientId);
      assert.equal(at.azpacr, "1");
      const info = JSON.parse(Buffer.from(json.client_info, "base64url").toString());
      assert.deepEqual(info, { uid: id.oid, utid: CONSUMER_TENANT_ID });
      // Consent is remembered: the next request goes straight back to the app.
      const again = await browser.get(authorizeUrl());
      assert.equal(again.statusCode, 302);
      assert.ok(new URL(String(again.headers.location)).searchParams.get("code"));
    });

    it("refuses a replayed code with AADSTS54005 and revokes the refresh token it issued", async () => {
      const browser = new Browser(h.app);
      const { code } = await signInAndGetCode(browser);
      const first = await redeem(code);
      assert.equal(first.status, 200);
      const replay = await redeem(code);
      assert.equal(replay.status, 400);
      assert.equal(replay.json.error, "invalid_grant");
      assert.deepEqual(replay.json.error_codes, [54005]);
      assert.match(
        replay.json.error_description,
        /^AADSTS54005: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
      );
      assert.match(replay.json.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
      const refresh = await token({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: first.json.refresh_token,
        scope: "openid offline_access User.Read",
      });
      assert.equal(refresh.status, 400);
      assert.equal(refresh.json.error, "invalid_grant");
    });

    it("rotates refresh tokens, and a reused one revokes the whole family", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const issued = await redeem(code);
      const form = (rt: string) => ({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: rt,
        scope: "openid offline_access User.Read",
      });
      const second = await token(form(issued.json.refresh_token));
      assert.equal(second.status, 200);
      assert.notEqual(second.json.refresh_token, issued.json.refresh_token);
      const reuse = await token(form(issued.json.refresh_token));
      assert.equal(reuse.status, 400);
      assert.deepEqual(reuse.json.error_codes, [70008]);
      const newest = await token(form(second.json.refresh_token));
      assert.equal(newest.status, 400, "the family is revoked");
    });

    it("ends every refresh token of the account when its password changes", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const issued = await redeem(code);
      const oid = String(decodeJwt(issued.json.id_token).oid);
      // The same password again: a change all the same, and the demo account still signs in afterwards.
      const { db } = h.identity.ctx;
      const { password_hash } = await db
        .selectFrom("account")
        .select("password_hash")
        .where("id", "=", oid)
        .executeTakeFirstOrThrow();
      await db
        .transaction()
        .execute((trx) =>
          replacePassword(trx, oid, { passwordHash: password_hash, mustChangePassword: false }),
        );
      const refresh = await token({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: issued.json.refresh_token,
        scope: "openid offline_access User.Read",
      });
      assert.equal(refresh.status, 400);
      assert.deepEqual(refresh.json.error_codes, [70008]);
    });

    it("refuses a wrong PKCE verifier, an unknown code, a wrong secret and a missing parameter", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const wrongVerifier = await token({
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: client.secret,
        code,
        redirect_uri: client.redirect,
        code_verifier: "x".repeat(43),
      });
      assert.deepEqual(wrongVerifier.json.error_codes, [501481]);
      const unknown = await redeem("1.not-a-code");
      assert.deepEqual(unknown.json.error_codes, [9002313]);
      const badSecret = await token({
        grant_type: "authorization_code",
        client_id: client.clientId,
        client_secret: "nope",
        code,
        redirect_uri: client.redirect,
      });
      assert.equal(badSecret.status, 401);
      assert.equal(badSecret.json.error, "invalid_client");
      assert.deepEqual(badSecret.json.error_codes, [7000215]);
      const missing = await token({ client_id: client.clientId });
      assert.deepEqual(missing.json.error_codes, [900144]);
      assert.match(missing.json.error_description, /'grant_type'/);
    });
  });
}
