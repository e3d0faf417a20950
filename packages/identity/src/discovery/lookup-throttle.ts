import type { Counters } from "@sesame/kit/counters/counters";
import { normalizeEmail } from "../accounts/email";
import type { IdentityConfig } from "../config";

export interface LookupLimits {
  readonly perSource: number;
  readonly perUsername: number;
  readonly windowMs: number;
}

export const lookupLimits = (config: IdentityConfig): LookupLimits => ({
  perSource: config.SESAME_LOOKUP_LIMIT_PER_SOURCE,
  perUsername: config.SESAME_LOOKUP_LIMIT_PER_USERNAME,
  windowMs: config.SESAME_LOOKUP_WINDOW_SECONDS * 1000,
});

/**
 * Whether this lookup of account existence is past a limit: too many from one source address (one
 * client walking a list of names), or too many about one username (many addresses probing one
 * person). Counted in the shared counters, so every instance behind a load balancer agrees.
 */
export async function lookupThrottled(
  counters: Counters,
  limits: LookupLimits,
  lookup: { source: string; username: string },
): Promise<boolean> {
  const [fromSource, aboutUsername] = await Promise.all([
    counters.increment(`lookup-source:${lookup.source}`, limits.windowMs),
    counters.increment(`lookup-username:${normalizeEmail(lookup.username)}`, limits.windowMs),
  ]);
  return fromSource > limits.perSource || aboutUsername > limits.perUsername;
}
