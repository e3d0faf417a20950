import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Redis } from "ioredis";
import pino from "pino";
import { type PrivateRedis, privateRedisAvailable, startPrivateRedis } from "../testing/private-redis";
import { RedisCounters } from "./redis-counters";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records what a logger was told, to count the lines about Redis. */
function recordingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line).msg) });
  return { logger, lines };
}

/**
 * Redis dies under the counters (a private redis-server this test kills): every call still
 * answers, quickly, from this instance's counters; the switch is logged once and reported; when
 * Redis is back the counters are shared again without a restart.
 */
describe("counters through a Redis outage", { skip: !privateRedisAvailable() }, () => {
  let redis: PrivateRedis;
  before(async () => {
    redis = await startPrivateRedis();
  });
  after(async () => {
    await redis?.destroy();
  });

  it("falls back within a short timeout, says so once, and shares again when Redis returns", async () => {
    const { logger, lines } = recordingLogger();
    const counters = await RedisCounters.open(redis.url, "t:", logger);
    const inspector = new Redis(redis.url, { lazyConnect: true });
    try {
      assert.equal(await counters.increment("hits", 60_000), 1);
      assert.equal(counters.degradation(), undefined);
      await inspector.connect();
      assert.equal(await inspector.get("t:hits"), "1");
      inspector.disconnect();

      await redis.kill();
      let slowest = 0;
      for (let i = 0; i < 20; i++) {
        const started = Date.now();
        await counters.increment("during", 60_000);
        assert.equal(await counters.claimOnce(`proof-${i}`, 60_000), true);
        assert.equal(await counters.claimOnce(`proof-${i}`, 60_000), false, "a replay is still refused");
        slowest = Math.max(slowest, Date.now() - started);
      }
      assert.equal(await counters.increment("during", 60_000), 21);
      assert.ok(slowest < 600, `slowest call during the outage took ${slowest} ms`);
      assert.match(counters.degradation() ?? "", /Redis unreachable, using per-instance counters/);
      assert.equal(lines.filter((l) => l.startsWith("Redis unreachable")).length, 1);

      await redis.start();
      const backAt = Date.now();
      while (counters.degradation() && Date.now() - backAt < 5000) await sleep(50);
      assert.equal(counters.degradation(), undefined, "Redis in use again");
      assert.equal(await counters.increment("after", 60_000), 1);
      const fresh = new Redis(redis.url);
      assert.equal(await fresh.get("t:after"), "1", "the count is in Redis again");
      fresh.disconnect();
    } finally {
      inspector.disconnect();
      await counters.close();
    }
  });
});
