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
  /** Why the counters are working in a lesser mode (shown by /readyz), or undefined. */
  degradation(): string | undefined;
  close(): Promise<void>;
}
