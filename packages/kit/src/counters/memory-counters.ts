import type { Counters } from "./counters";

/** Counters of this process alone: enough for one instance, and the fallback while Redis is away. */
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

  degradation(): string | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
