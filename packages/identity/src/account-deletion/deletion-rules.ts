import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import type { Account } from "../accounts/account-queries";

/** As at Microsoft: a closed personal account can be reopened by signing in during 30 days. */
export const DELETION_GRACE_MS = 30 * DAY_MS;

/** Why the holder may not close this account themselves, if they may not. */
export type ClosingRefusal = "work-account" | "already-closing";

export function closingRefusal(
  account: Pick<Account, "kind" | "deletion_due_at">,
): ClosingRefusal | undefined {
  // A work account belongs to its organization: its administrator deletes it, not the holder.
  if (account.kind !== "personal") return "work-account";
  if (account.deletion_due_at !== null) return "already-closing";
  return undefined;
}

/** Erased once the grace period is over, not a moment before. */
export const erasureDue = (account: Pick<Account, "deletion_due_at">, now: number): boolean =>
  account.deletion_due_at !== null && Number(account.deletion_due_at) <= now;
