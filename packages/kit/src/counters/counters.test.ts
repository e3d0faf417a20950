import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { type Counters, MemoryCounters, RedisCounters } from "./counters";

const redisUrl = process.env.SESAME_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  const probe = new RedisCounters(redisUrl, "probe:");
  try {
    await Promise.race([
      probe.reset("x"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("t")), 1500)),
    ]);
    return true;
  } catch {
    if (process.env.CI === "true") throw new Error(`Redis is required in CI but ${redisUrl} is unreachable`);
    return false;
  } finally {
    await probe.close();
  }
}

const kinds: [string, () => Counters][] = [["memory", () => new MemoryCounters()]];
if (await redisAvailable()) kinds.push(["redis", () => new RedisCounters(redisUrl, `test:${randomUUID()}:`)]);

for (const [label, make] of kinds) {
  describe(`counters (${label})`, () => {
    it("counts hits inside a window and starts again after it", async () => {
      const counters = make();
      assert.equal(await counters.increment("k", 200), 1);
      assert.equal(await counters.increment("k", 200), 2);
      await new Promise((r) => setTimeout(r, 260));
      assert.equal(await counters.increment("k", 200), 1);
      await counters.close();
    });

    it("lets a single-use marker be claimed once, even by two instances at the same time", async () => {
      const a = make();
      const results = await Promise.all(Array.from({ length: 20 }, () => a.claimOnce("proof", 10_000)));
      assert.equal(results.filter(Boolean).length, 1);
      await a.close();
    });
  });
}
