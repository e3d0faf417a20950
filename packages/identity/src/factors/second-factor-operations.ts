import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { AttemptSlotBusy, oneAttemptAtATime } from "../lockout/attempt-slot";
import { type LockoutKey, lockedFor, recordRightPassword, recordWrongPassword } from "../lockout/lockout";
import { factorKeys, openTotpSecret } from "./factor-keys";
import { findTotp, useRecoveryCode, useTotpStep } from "./factor-queries";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-code-rules";
import { checkTotpCode } from "./totp-rules";

/** How a second factor was proved: the `amr` the session's tokens carry. */
export const TOTP_AMR = ["pwd", "otp", "mfa"] as const;

export type SecondFactorOutcome =
  | { readonly kind: "ok"; readonly amr: readonly string[]; readonly method: "totp" | "recovery" }
  | { readonly kind: "wrong" }
  | { readonly kind: "locked"; readonly ms: number }
  | { readonly kind: "busy" };

/**
 * A code from the authenticator app or a recovery code, under the same lockout as passwords: the
 * same counter per (account, source), so wrong passwords and wrong codes add up, and a locked
 * source is refused before the code is looked at. A replayed or out-of-window code is wrong.
 */
export async function checkSecondFactor(
  ctx: IdentityContext,
  input: { account: Account; code: string; source: string },
): Promise<SecondFactorOutcome> {
  const key = { email: input.account.email, source: input.source };
  try {
    return await oneAttemptAtATime(ctx.counters, key, () =>
      underLockout(ctx, key, input.account, input.code),
    );
  } catch (error) {
    if (error instanceof AttemptSlotBusy) return { kind: "busy" };
    throw error;
  }
}

async function underLockout(
  ctx: IdentityContext,
  key: LockoutKey,
  account: Account,
  code: string,
): Promise<SecondFactorOutcome> {
  const locked = await lockedFor(ctx.db, key);
  if (locked > 0) return { kind: "locked", ms: locked };
  const outcome = await checkCode(ctx, account, code);
  if (outcome.kind === "wrong") {
    const lockedNow = await recordWrongPassword(ctx.db, key);
    return lockedNow > 0 ? { kind: "locked", ms: lockedNow } : outcome;
  }
  await recordRightPassword(ctx.db, key);
  return outcome;
}

async function checkCode(ctx: IdentityContext, account: Account, code: string): Promise<SecondFactorOutcome> {
  const keys = factorKeys(ctx.config);
  const totp = await findTotp(ctx.db, account.id);
  if (!totp?.enabled_at) return { kind: "wrong" };
  if (looksLikeRecoveryCode(code)) {
    const used = await useRecoveryCode(
      ctx.db,
      account.id,
      hashRecoveryCode(keys.recoveryKey, code),
      Date.now(),
    );
    return used ? { kind: "ok", amr: TOTP_AMR, method: "recovery" } : { kind: "wrong" };
  }
  const check = checkTotpCode(openTotpSecret(keys, account.id, totp.secret_sealed), code, totp.last_step);
  if (check.kind !== "ok") return { kind: "wrong" };
  // Two requests with the same code at once: only the first records its step.
  if (!(await useTotpStep(ctx.db, account.id, check.step))) return { kind: "wrong" };
  return { kind: "ok", amr: TOTP_AMR, method: "totp" };
}
