import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { Redis } from "ioredis";
import type { Counters } from "./counters";
import { MemoryCounters } from "./memory-counters";
import { RedisCounters } from "./redis-counters";

const redisUrl = process.env.SESAME_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  // A plain client: RedisCounters answers from memory when Redis is away, so it cannot tell.
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on("error", () => {});
  try {
    await Promise.race([
      probe.connect().then(() => probe.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error("t")), 1500)),
    ]);
    return true;
  } catch {
    if (process.env.CI === "true") throw new Error(`Redis is required in CI but ${redisUrl} is unreachable`);
    return false;
  } finally {
    probe.disconnect();
  }
}

const kinds: [string, () => Counters | Promise<Counters>][] = [["memory", () => new MemoryCounters()]];
if (await redisAvailable())
  kinds.push(["redis", () => RedisCounters.open(redisUrl, `test:${randomUUID()}:`)]);

for (const [label, make] of kinds) {
  describe(`counters (${label})`, () => {
    it("counts hits inside a window and starts again after it", async () => {
      const counters = await make();
      assert.equal(await counters.increment("k", 200), 1);
      assert.equal(await counters.increment("k", 200), 2);
      await new Promise((r) => setTimeout(r, 260));
      assert.equal(await counters.increment("k", 200), 1);
      await counters.close();
    });

    it("lets a single-use marker be claimed once, even by two instances at the same time", async () => {
      const a = await make();
      const results = await Promise.all(Array.from({ length: 20 }, () => a.claimOnce("proof", 10_000)));
      assert.equal(results.filter(Boolean).length, 1);
      await a.close();
    });
  });
}
