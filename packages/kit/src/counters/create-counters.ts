import type { Logger } from "../logging/logger";
import type { Counters } from "./counters";
import { MemoryCounters } from "./memory-counters";
import { RedisCounters } from "./redis-counters";

/** Per-instance counters without REDIS_URL; Redis (falling back to per-instance while away) with it. */
export async function createCounters(
  redisUrl: string | undefined,
  prefix: string,
  logger?: Logger,
): Promise<Counters> {
  return redisUrl ? await RedisCounters.open(redisUrl, prefix, logger) : new MemoryCounters();
}
