import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { type Account, findAccountById } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import {
  type ChallengePurpose,
  findPasskey,
  type Passkey,
  passkeysOf,
  recordPasskeyUse,
  saveWebauthnChallenge,
  takeWebauthnChallenge,
} from "../factors/passkey-queries";
import { AttemptSlotBusy, oneAttemptAtATime } from "../lockout/attempt-slot";
import { lockedFor, recordRightPassword, recordWrongPassword } from "../lockout/lockout";
import { CHALLENGE_MS, relyingPartyOf } from "./passkey-operations";
import { assertionOptions, checkAssertion } from "./passkey-webauthn";

type SignInPurpose = Exclude<ChallengePurpose, "register">;

/**
 * How the sign-in was proved, as the tokens' `amr`: a passkey verified on the device is
 * multifactor by itself ("fido", "mfa"); after a password it adds to it.
 */
export const PASSKEY_AMR = ["fido", "mfa"] as const;
export const PASSWORD_AND_PASSKEY_AMR = ["pwd", "fido", "mfa"] as const;

/**
 * Options of `navigator.credentials.get`: without an account, any passkey of this site
 * (discoverable credentials: the passkey says whose it is); for the second factor, that account's.
 */
export async function passkeyAssertionOptions(
  ctx: IdentityContext,
  purpose: SignInPurpose,
  accountId: string | null,
) {
  const allow = accountId ? await passkeysOf(ctx.db, accountId) : undefined;
  const options = await assertionOptions(relyingPartyOf(ctx), allow);
  await saveWebauthnChallenge(ctx.db, {
    challenge: options.challenge,
    accountId,
    purpose,
    expiresAt: Date.now() + CHALLENGE_MS,
  });
  return options;
}

export type PasskeyOutcome =
  | { readonly kind: "ok"; readonly account: Account; readonly amr: readonly string[] }
  | { readonly kind: "wrong" }
  | { readonly kind: "locked"; readonly ms: number }
  | { readonly kind: "busy" };

/**
 * An assertion for a challenge of this purpose, under the lockout of passwords and codes (same
 * counter per account and source). A passkey of another account than the one signing in, an
 * unknown one, a replayed challenge or a counter that did not grow are all wrong.
 */
export async function checkPasskeySignIn(
  ctx: IdentityContext,
  input: {
    challenge: string;
    response: AuthenticationResponseJSON;
    purpose: SignInPurpose;
    /** The account the second factor is for; undefined for a sign-in without password. */
    account?: Account;
    source: string;
  },
): Promise<PasskeyOutcome> {
  const pending = await takeWebauthnChallenge(ctx.db, input.challenge, input.purpose, Date.now());
  if (!pending || (pending.accountId ?? undefined) !== input.account?.id) return { kind: "wrong" };
  const key = await findPasskey(ctx.db, input.response.id);
  const account = input.account ?? (key ? await findAccountById(ctx.db, key.account_id) : undefined);
  if (!account) return { kind: "wrong" };
  const lockKey = { email: account.email, source: input.source };
  try {
    return await oneAttemptAtATime(ctx.counters, lockKey, async () => {
      const locked = await lockedFor(ctx.db, lockKey);
      if (locked > 0) return { kind: "locked", ms: locked };
      const ok = key?.account_id === account.id && account.enabled === 1 && (await verify(ctx, input, key));
      if (!ok) {
        const lockedNow = await recordWrongPassword(ctx.db, lockKey);
        return lockedNow > 0 ? { kind: "locked", ms: lockedNow } : { kind: "wrong" };
      }
      await recordRightPassword(ctx.db, lockKey);
      const amr = input.account ? PASSWORD_AND_PASSKEY_AMR : PASSKEY_AMR;
      return { kind: "ok", account, amr };
    });
  } catch (error) {
    if (error instanceof AttemptSlotBusy) return { kind: "busy" };
    throw error;
  }
}

async function verify(
  ctx: IdentityContext,
  input: { challenge: string; response: AuthenticationResponseJSON; account?: Account },
  key: Passkey,
): Promise<boolean> {
  const counter = await checkAssertion(relyingPartyOf(ctx), {
    challenge: input.challenge,
    response: input.response,
    passkey: key,
    requireUserVerification: !input.account,
  });
  if (counter === undefined) return false;
  return recordPasskeyUse(ctx.db, key, counter, Date.now());
}
