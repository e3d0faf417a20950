import type { Redis } from "ioredis";
import { within } from "../db/database";
import type { Logger } from "../logging/logger";
import { loadOnce } from "../modules/load-once";
import type { Counters } from "./counters";
import { MemoryCounters } from "./memory-counters";

/** A Redis call slower than this counts as a failure: sign-in must not wait on a dead Redis. */
export const redisTimeoutMs = 250;
/** While Redis is away, how often it is asked again whether it is back. */
const probeEveryMs = 500;
/** ioredis loads only in a process configured with REDIS_URL. */
const ioredis = loadOnce("ioredis", () => import("ioredis"));

/**
 * Counters in Redis, shared by every instance. When Redis does not answer within 250 ms, each
 * call falls back to this instance's own counters (limits then hold per instance rather than
 * across them: a lesser protection, but sign-in and the anti-robot challenge keep working), the
 * switch is logged once and reported by /readyz, and Redis is used again as soon as it answers.
 */
export class RedisCounters implements Counters {
  private readonly fallback = new MemoryCounters();
  /** Until the first connection succeeds or fails, calls wait for it (at most the connect timeout). */
  private state: "starting" | "up" | "away" = "starting";
  private readonly firstContact: Promise<void>;
  private probe: NodeJS.Timeout | undefined;

  /** Loads the Redis client, then connects in the background (calls wait for the first contact). */
  static async open(url: string, prefix: string, logger?: Logger): Promise<RedisCounters> {
    const { Redis } = await ioredis();
    const redis = new Redis(url, {
      // Fail at once while disconnected rather than queue: the fallback answers instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: redisTimeoutMs,
      connectTimeout: 1000,
      // Reconnect quickly: the counters are shared again as soon as Redis is.
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    return new RedisCounters(redis, prefix, logger);
  }

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {
    this.firstContact = new Promise((resolve) => {
      this.redis.once("ready", resolve);
      this.redis.once("error", resolve);
    });
    this.redis.on("error", (error) => {
      if (this.state === "starting") this.gone(error);
    });
    this.redis.on("ready", () => this.back());
  }

  increment(key: string, windowMs: number): Promise<number> {
    return this.use(
      async () => {
        const k = this.prefix + key;
        const [[, count] = [], [, ttl] = []] = (await this.redis.multi().incr(k).pttl(k).exec()) ?? [];
        if (ttl === -1) await this.redis.pexpire(k, windowMs);
        return Number(count);
      },
      () => this.fallback.increment(key, windowMs),
    );
  }

  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.use(
      async () => (await this.redis.set(this.prefix + key, "1", "PX", ttlMs, "NX")) === "OK",
      () => this.fallback.claimOnce(key, ttlMs),
    );
  }

  reset(key: string): Promise<void> {
    return this.use(
      async () => {
        await this.redis.del(this.prefix + key);
      },
      () => this.fallback.reset(key),
    );
  }

  degradation(): string | undefined {
    return this.state !== "up" ? "Redis unreachable, using per-instance counters" : undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.probe);
    this.redis.disconnect();
    await this.fallback.close();
  }

  private async use<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.state === "starting") await within(this.firstContact, 1500, "redis connect").catch(() => {});
    if (this.state !== "up") return local();
    try {
      return await within(shared(), redisTimeoutMs * 2, "redis");
    } catch (error) {
      this.gone(error);
      return local();
    }
  }

  private gone(error: unknown): void {
    if (this.state === "away") return;
    this.state = "away";
    this.logger?.warn({ err: error }, "Redis unreachable, using per-instance counters");
    // A frozen Redis keeps its connection "ready", so no reconnection will say it is back: ask it.
    this.probe = setInterval(() => {
      within(this.redis.ping(), redisTimeoutMs, "redis ping").then(
        () => this.back(),
        () => {},
      );
    }, probeEveryMs);
    this.probe.unref();
  }

  private back(): void {
    const wasAway = this.state === "away";
    this.state = "up";
    clearInterval(this.probe);
    if (wasAway) this.logger?.info("Redis reachable again, counters shared across instances");
  }
}
