import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { normalizeEmail } from "../accounts/email";
import type { IdentityDB } from "../storage/schema";
import { clearLockout, readLockout, saveLockout } from "./lockout-queries";
import { afterWrongPassword, remainingLock } from "./lockout-rules";

type Db = Kysely<IdentityDB>;

/** Who is being guessed at and from where. The address is hashed: the table holds no addresses. */
export interface LockoutKey {
  readonly email: string;
  readonly source: string;
}

export const lockoutSubject = (email: string): string =>
  createHash("sha256").update(normalizeEmail(email)).digest("hex");

/** Milliseconds before this source may try this account again (0: it may now). */
export async function lockedFor(db: Db, key: LockoutKey, now = Date.now()): Promise<number> {
  return remainingLock(await readLockout(db, lockoutSubject(key.email), key.source), now);
}

/** Counts a wrong password; returns the milliseconds of lock it caused (0 when not locked yet). */
export async function recordWrongPassword(db: Db, key: LockoutKey, now = Date.now()): Promise<number> {
  const subject = lockoutSubject(key.email);
  return db.transaction().execute(async (trx) => {
    const next = afterWrongPassword(await readLockout(trx, subject, key.source), now);
    await saveLockout(trx, subject, key.source, next);
    return remainingLock(next, now);
  });
}

/** A correct password outside a lock wipes the history of this source. */
export async function recordRightPassword(db: Db, key: LockoutKey): Promise<void> {
  await clearLockout(db, lockoutSubject(key.email), key.source);
}
