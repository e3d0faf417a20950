import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  type PrivateRedis,
  privateRedisAvailable,
  startPrivateRedis,
} from "@sesame/kit/testing/private-redis";
import { seedIdentityDemo } from "../demo/demo-data";
import { signIn } from "../oauth/testing/sign-in-pages";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const [sqlite] = await testTargets();

/**
 * Redis (a private redis-server this test kills) dies while identity runs: sign-in and the
 * anti-robot challenge keep working without a wait, /readyz stays 200 but says it is degraded,
 * and once Redis is back the service says ready again without a restart.
 */
describe("identity through a Redis outage", { skip: !privateRedisAvailable() || !sqlite }, () => {
  let redis: PrivateRedis;
  let h: IdentityHarness;
  before(async () => {
    redis = await startPrivateRedis();
    h = await startTestIdentity(sqlite!, { env: { ...fast, REDIS_URL: redis.url } });
    await seedIdentityDemo(h.identity.ctx);
  });
  after(async () => {
    await h?.close();
    await redis?.destroy();
  });

  const readiness = async () => {
    const response = await h.app.inject({ method: "GET", url: "/readyz" });
    return { status: response.statusCode, body: response.json() as { status: string; degraded?: string[] } };
  };
  async function signsIn(): Promise<number> {
    const started = Date.now();
    const location = await signIn(new Browser(h.app, "en"), "/login");
    assert.doesNotMatch(location, /login/, `sign-in ended at ${location}`);
    return Date.now() - started;
  }
  async function challenge(): Promise<number> {
    const started = Date.now();
    const response = await h.app.inject({ method: "GET", url: "/signup/altcha/challenge" });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(response.json().signature);
    return Date.now() - started;
  }

  it("keeps sign-in and the challenge working, reports degraded, and recovers by itself", async (t) => {
    await signsIn();
    await challenge();
    assert.deepEqual(await readiness(), { status: 200, body: { status: "ready" } });

    await redis.kill();
    const signInMs = await signsIn();
    const challengeMs = await challenge();
    const during = await readiness();
    assert.equal(during.status, 200);
    assert.equal(during.body.status, "degraded");
    assert.match(String(during.body.degraded), /Redis unreachable/);

    await redis.start();
    const backAt = Date.now();
    while ((await readiness()).body.status !== "ready" && Date.now() - backAt < 5000) await sleep(50);
    const recoveredMs = Date.now() - backAt;
    t.diagnostic(
      `Redis killed: sign-in ${signInMs} ms, challenge ${challengeMs} ms; ready again ${recoveredMs} ms after Redis returned`,
    );
    assert.ok(signInMs < 2000 && challengeMs < 1000, `sign-in ${signInMs} ms, challenge ${challengeMs} ms`);
    assert.deepEqual(await readiness(), { status: 200, body: { status: "ready" } });
    await signsIn();
  });
});
