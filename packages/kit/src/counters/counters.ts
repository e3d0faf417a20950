import { Redis } from "ioredis";

/**
 * Shared counters for rate limits and single-use markers. In-process without REDIS_URL; in Redis
 * when several instances run, so they agree.
 */
export interface Counters {
  /** Adds one to `key` in a window that starts at its first hit; returns the count in the window. */
  increment(key: string, windowMs: number): Promise<number>;
  /** True exactly once per key within `ttlMs` (a replayed proof or code gets false). */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export function createCounters(redisUrl: string | undefined, prefix: string): Counters {
  return redisUrl ? new RedisCounters(redisUrl, prefix) : new MemoryCounters();
}

export class MemoryCounters implements Counters {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const entry = this.live(key) ?? { count: 0, expiresAt: Date.now() + windowMs };
    entry.count++;
    this.entries.set(key, entry);
    if (this.entries.size > 100_000) this.sweep();
    return entry.count;
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { count: 1, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

export class RedisCounters implements Counters {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.redis.on("error", () => {});
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const k = this.prefix + key;
    const [[, count] = [], [, ttl] = []] = (await this.redis.multi().incr(k).pttl(k).exec()) ?? [];
    if (ttl === -1) await this.redis.pexpire(k, windowMs);
    return Number(count);
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, "1", "PX", ttlMs, "NX")) === "OK";
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
