import type { CodeRules } from "../codes/codes";
import type { ResetAttempt } from "./password-reset-queries";

/** After the code is accepted, the new password must come within this time. */
export const CHOOSE_PASSWORD_MS = 10 * 60 * 1000;

export type CodeOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "wrong"; readonly triesLeft: number }
  | { readonly ok: false; readonly reason: "expired" | "burned" | "missing" };

/**
 * Without an account no code was mailed, yet the page must answer as if one had been: the same
 * tries, the same expiry, never a success.
 */
export function codeCheckWithoutAccount(attempt: ResetAttempt, rules: CodeRules, now: number): CodeOutcome {
  if (attempt.failed_attempts >= rules.maxFailures) return { ok: false, reason: "burned" };
  if (now - attempt.code_sent_at >= rules.ttlMs) return { ok: false, reason: "expired" };
  const failures = attempt.failed_attempts + 1;
  if (failures >= rules.maxFailures) return { ok: false, reason: "burned" };
  return { ok: false, reason: "wrong", triesLeft: rules.maxFailures - failures };
}

/** May this attempt choose a new password now? */
export function mayChoosePassword(attempt: ResetAttempt, now: number): boolean {
  return (
    attempt.account_id !== null &&
    attempt.verified_at !== null &&
    now - attempt.verified_at < CHOOSE_PASSWORD_MS
  );
}
