import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { type Account, findAccountByEmail } from "../accounts/account-queries";
import { type Argon2Settings, hashPassword, verifyPassword } from "../accounts/password-hash";
import type { IdentityDB } from "../storage/schema";

// A real hash with the configured cost: an unknown account costs the same time as a known one,
// so response timing does not tell which addresses have an account.
let decoy: Promise<string> | undefined;

/**
 * "wrong" for an unknown address and for a wrong password alike, in similar time. "disabled" only
 * once the password is right, so it tells nothing to someone who does not know it.
 */
export type PasswordOutcome =
  | { readonly kind: "ok"; readonly account: Account }
  | { readonly kind: "disabled" }
  | { readonly kind: "wrong" };

export async function checkPassword(
  db: Kysely<IdentityDB>,
  argon2: Argon2Settings,
  email: string,
  password: string,
): Promise<PasswordOutcome> {
  const account = await findAccountByEmail(db, email);
  decoy ??= hashPassword(randomBytes(16).toString("hex"), argon2);
  const ok = await verifyPassword(account?.password_hash ?? (await decoy), password);
  if (!ok || !account) return { kind: "wrong" };
  return account.enabled === 1 ? { kind: "ok", account } : { kind: "disabled" };
}
