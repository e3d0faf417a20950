/**
 * Smart lockout as Microsoft describes it: 10 wrong passwords for one account from one source lock
 * that account for that source for 1 minute; after that, each further wrong password locks it again
 * for twice as long, up to an hour. Never permanent: a quiet day forgets everything, and other
 * sources are never affected, so an attacker cannot lock the real user out.
 */
export const LOCKOUT_THRESHOLD = 10;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 60 * 60_000;
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

export interface LockoutState {
  readonly failures: number;
  readonly lockouts: number;
  readonly lockedUntil: number;
  readonly lastFailureAt: number;
}

export const cleanSlate: LockoutState = { failures: 0, lockouts: 0, lockedUntil: 0, lastFailureAt: 0 };

/** Length of the n-th lock (n ≥ 1): 1, 2, 4 … minutes, capped at an hour. */
export function lockDuration(n: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.max(0, n - 1), MAX_LOCK_MS);
}

/** The state still in force at `now`: an old history with no lock running is forgotten. */
export function stateAt(state: LockoutState | undefined, now: number): LockoutState {
  if (!state) return cleanSlate;
  if (state.lockedUntil <= now && now - state.lastFailureAt > FORGET_AFTER_MS) return cleanSlate;
  return state;
}

/** Milliseconds the account stays locked for this source (0 when it is not locked). */
export function remainingLock(state: LockoutState | undefined, now: number): number {
  return Math.max(0, stateAt(state, now).lockedUntil - now);
}

/** The state after one more wrong password. Attempts during a lock neither count nor extend it. */
export function afterWrongPassword(state: LockoutState | undefined, now: number): LockoutState {
  const current = stateAt(state, now);
  if (current.lockedUntil > now) return current;
  const failures = current.failures + 1;
  const threshold = current.lockouts === 0 ? LOCKOUT_THRESHOLD : 1;
  if (failures < threshold) return { ...current, failures, lastFailureAt: now };
  const lockouts = current.lockouts + 1;
  return { failures: 0, lockouts, lockedUntil: now + lockDuration(lockouts), lastFailureAt: now };
}
