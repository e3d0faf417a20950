import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { FastifyInstance } from "fastify";
import { createLocalJWKSet, jwtVerify } from "jose";
import { demoPersonalAccount, seedIdentityDemo } from "./demo/demo-data";
import { s256Challenge } from "./oauth/pkce";
import { createTestTenant, registerTestApp } from "./oauth/testing/oauth-fixtures";
import { acceptConsent, signIn } from "./oauth/testing/sign-in-pages";
import { Browser, type IdentityHarness, startTestIdentity } from "./testing/identity-harness";

const redisUrl = process.env.SESAME_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };

/**
 * docs/product-rules.md#several-instances: several instances on one PostgreSQL and one Redis, no sticky sessions. Two
 * identity instances share the database, Redis and the key-encryption key; every request of a flow
 * may land on either, and single-use codes, refresh-token families and lockout hold across them.
 */
const postgres = (await testTargets()).find((t) => t.label === "postgres");
describe("two identity instances behind one load balancer (postgres and Redis)", { skip: !postgres }, () => {
  let a: IdentityHarness;
  let b: IdentityHarness;
  let client: Awaited<ReturnType<typeof registerTestApp>>;
  before(async () => {
    if (!postgres) return;
    const shared = {
      ...fast,
      DATABASE_URL: await postgres.freshUrl(),
      REDIS_URL: redisUrl,
      SESAME_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      // An immediate reuse would otherwise be a client's retry within the grace window (answered
      // with the same successor): these tests are about reuse, which must revoke across instances.
      SESAME_REFRESH_REUSE_GRACE_SECONDS: "0",
    };
    a = await startTestIdentity(postgres, { env: shared });
    b = await startTestIdentity(postgres, { env: shared });
    await seedIdentityDemo(a.identity.ctx);
    client = await registerTestApp(a.identity.ctx, { tenantId: await createTestTenant(a.identity.ctx) });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  const token = async (app: FastifyInstance, form: Record<string, string>) => {
    const r = await app.inject({
      method: "POST",
      url: "/common/oauth2/v2.0/token",
      payload: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    return { status: r.statusCode, json: r.json() };
  };

  /** Signs in and consents on A, then asks B for a code with A's session cookie. */
  async function codeFromB(): Promise<string> {
    const onA = new Browser(a.app, "fr", "198.51.100.20");
    const authorize = `/common/oauth2/v2.0/authorize?${new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: client.redirect,
      response_type: "code",
      scope: "openid offline_access User.Read",
      code_challenge: s256Challenge(verifier),
      code_challenge_method: "S256",
    })}`;
    let page = await onA.get(authorize);
    if (String(page.headers.location).startsWith("/login"))
      page = await onA.get(await signIn(onA, String(page.headers.location)));
    await acceptConsent(onA, page, "/common/oauth2/v2.0/authorize");
    const onB = await b.app.inject({ method: "GET", url: authorize, headers: { cookie: onA.cookieHeader } });
    assert.equal(onB.statusCode, 302, onB.body);
    const code = new URL(String(onB.headers.location)).searchParams.get("code");
    assert.ok(code, String(onB.headers.location));
    return code;
  }
  const redeem = (app: FastifyInstance, code: string) =>
    token(app, {
      grant_type: "authorization_code",
      client_id: client.clientId,
      client_secret: client.secret,
      code,
      redirect_uri: client.redirect,
      code_verifier: verifier,
    });

  it("honours on one instance a sign-in made on the other, and redeems a code once across both", async () => {
    const code = await codeFromB();
    const first = await redeem(a.app, code);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const replay = await redeem(b.app, code);
    assert.equal(replay.status, 400);
    assert.deepEqual(replay.json.error_codes, [54005]);
    // The replay revoked what the first redemption issued, whichever instance is asked.
    const refresh = await token(a.app, {
      grant_type: "refresh_token",
      client_id: client.clientId,
      client_secret: client.secret,
      refresh_token: first.json.refresh_token,
    });
    assert.equal(refresh.status, 400);
  });

  it("revokes a refresh-token family on one instance when a rotated token comes back on the other", async () => {
    const issued = await redeem(b.app, await codeFromB());
    const refresh = (app: FastifyInstance, refreshToken: string) =>
      token(app, {
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.secret,
        refresh_token: refreshToken,
      });
    const rotated = await refresh(a.app, issued.json.refresh_token);
    assert.equal(rotated.status, 200);
    const reuse = await refresh(b.app, issued.json.refresh_token);
    assert.equal(reuse.status, 400);
    const family = await refresh(a.app, rotated.json.refresh_token);
    assert.equal(family.status, 400, "the whole family ended");
  });

  it("verifies on one instance's keys the tokens the other signed", async () => {
    const issued = await redeem(a.app, await codeFromB());
    const jwks = (await b.app.inject({ method: "GET", url: "/common/discovery/v2.0/keys" })).json();
    const { payload } = await jwtVerify(issued.json.id_token, createLocalJWKSet(jwks));
    assert.equal(payload.aud, client.clientId);
  });

  it("locks an account for a source after 10 wrong passwords spread over both instances", async () => {
    const source = `203.0.113.${10 + Math.floor(Math.random() * 200)}`;
    const attempt = async (app: FastifyInstance, password: string) => {
      const browser = new Browser(app, "en", source);
      await browser.get("/login");
      await browser.post("/login", { email: demoPersonalAccount.email });
      return browser.post("/login/password", { email: demoPersonalAccount.email, password });
    };
    for (let i = 1; i <= 9; i++) {
      const wrong = await attempt(i % 2 ? a.app : b.app, `wrong-${i}`);
      assert.equal(wrong.statusCode, 400, `attempt ${i}`);
    }
    assert.equal((await attempt(b.app, "wrong-10")).statusCode, 429);
    for (const app of [a.app, b.app]) {
      const right = await attempt(app, demoPersonalAccount.password);
      assert.equal(right.statusCode, 429);
      assert.match(right.body, /Try again in 1 minute/);
    }
  });
});
