import type { Account } from "../accounts/account-queries";
import { argon2Settings } from "../accounts/argon2-settings";
import { looksLikeEmail } from "../accounts/email";
import type { IdentityContext } from "../context";
import { AttemptSlotBusy, oneAttemptAtATime } from "./attempt-slot";
import { type LockoutKey, lockedFor, recordRightPassword, recordWrongPassword } from "./lockout";
import { checkPassword } from "./password-check";

export type CredentialOutcome =
  | { readonly kind: "ok"; readonly account: Account }
  | { readonly kind: "wrong" }
  | { readonly kind: "locked"; readonly ms: number }
  | { readonly kind: "disabled" }
  /** Another check of the same account from the same source did not finish in time. */
  | { readonly kind: "busy" };

/**
 * The password of an address, checked under lockout: a locked source is refused before the
 * password is even looked at (so the right one does not help), a wrong one counts towards the lock.
 */
export async function checkCredentials(
  ctx: IdentityContext,
  input: { email: string; password: string; source: string },
): Promise<CredentialOutcome> {
  const key = { email: input.email, source: input.source };
  try {
    return await oneAttemptAtATime(ctx.counters, key, () => checkUnderLockout(ctx, key, input.password));
  } catch (error) {
    if (error instanceof AttemptSlotBusy) return { kind: "busy" };
    throw error;
  }
}

async function checkUnderLockout(
  ctx: IdentityContext,
  key: LockoutKey,
  password: string,
): Promise<CredentialOutcome> {
  const locked = await lockedFor(ctx.db, key);
  if (locked > 0) return { kind: "locked", ms: locked };
  const outcome = looksLikeEmail(key.email)
    ? await checkPassword(ctx.db, argon2Settings(ctx.config), key.email, password)
    : ({ kind: "wrong" } as const);
  if (outcome.kind === "wrong") {
    const lockedNow = await recordWrongPassword(ctx.db, key);
    return lockedNow > 0 ? { kind: "locked", ms: lockedNow } : outcome;
  }
  await recordRightPassword(ctx.db, key);
  return outcome;
}
