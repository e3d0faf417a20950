import { setTimeout as sleep } from "node:timers/promises";
import type { Counters } from "@sesame/kit/counters/counters";
import { type LockoutKey, lockoutSubject } from "./lockout";

/** Longer than any password check; a crashed instance frees its slot after this. */
const SLOT_TTL_MS = 10_000;
const WAIT_STEP_MS = 20;
// Past the slot's lifetime: when the instance holding it was killed, the next attempt of that
// person waits for the slot to lapse instead of being told to try again later.
const MAX_WAIT_MS = SLOT_TTL_MS + 1_000;

export class AttemptSlotBusy extends Error {}

/**
 * One password check at a time per (account, source), across instances (the shared counters are
 * Redis when several run). Without it, a burst of parallel guesses would all pass the lock check
 * before the first failure is counted. A second attempt (a double click) waits for the first.
 */
export async function oneAttemptAtATime<T>(
  counters: Counters,
  key: LockoutKey,
  run: () => Promise<T>,
): Promise<T> {
  const slot = `signin-slot:${lockoutSubject(key.email)}:${key.source}`;
  const giveUpAt = Date.now() + MAX_WAIT_MS;
  while (!(await counters.claimOnce(slot, SLOT_TTL_MS))) {
    if (Date.now() > giveUpAt) throw new AttemptSlotBusy();
    await sleep(WAIT_STEP_MS);
  }
  try {
    return await run();
  } finally {
    await counters.reset(slot);
  }
}
