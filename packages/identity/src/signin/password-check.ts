import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { type Account, findAccountByEmail } from "../accounts/account-queries";
import { type Argon2Settings, hashPassword, verifyPassword } from "../accounts/password-hash";
import type { IdentityDB } from "../storage/schema";

// A real hash with the configured cost: an unknown account costs the same time as a known one,
// so response timing does not tell which addresses have an account.
let decoy: Promise<string> | undefined;

/** The account when email and password match an enabled account; undefined otherwise, in similar time. */
export async function checkPassword(
  db: Kysely<IdentityDB>,
  argon2: Argon2Settings,
  email: string,
  password: string,
): Promise<Account | undefined> {
  const account = await findAccountByEmail(db, email);
  decoy ??= hashPassword(randomBytes(16).toString("hex"), argon2);
  const ok = await verifyPassword(account?.password_hash ?? (await decoy), password);
  return ok && account && account.enabled === 1 ? account : undefined;
}
