import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { hasSecondFactor } from "./factor-queries";

/** A session whose sign-in proved a second factor: its `amr` says "mfa". */
export const didSecondFactor = (amr: readonly string[]): boolean => amr.includes("mfa");

/**
 * Whether this account must prove a second factor for every sign-in and token: it has one (as
 * Microsoft's per-user MFA: grants from sign-ins that did not use it stop working).
 */
export function secondFactorRequired(db: Kysely<IdentityDB>, accountId: string): Promise<boolean> {
  return hasSecondFactor(db, accountId);
}

/** The session's sign-in is not enough for this account: AADSTS50076 at the token endpoint, a prompt at authorize. */
export async function secondFactorMissing(
  db: Kysely<IdentityDB>,
  accountId: string,
  amr: readonly string[],
): Promise<boolean> {
  return !didSecondFactor(amr) && (await secondFactorRequired(db, accountId));
}
