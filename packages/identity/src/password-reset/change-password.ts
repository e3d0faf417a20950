import type { Kysely } from "kysely";
import { notifyPasswordChanged } from "../sessions/password-change-listeners";
import { endAccountSessions } from "../sessions/sessions";
import type { IdentityDB } from "../storage/schema";

/**
 * Replaces an account's password hash and, in the same transaction, ends every sign-in session of
 * the account on every browser and lets the other features end what they issued (refresh tokens):
 * either all of it happens or none. `alsoInTransaction` adds the caller's own writes.
 */
export async function changePassword(
  db: Kysely<IdentityDB>,
  accountId: string,
  passwordHash: string,
  alsoInTransaction: (trx: Kysely<IdentityDB>) => Promise<void> = async () => {},
): Promise<void> {
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await alsoInTransaction(trx);
    await trx
      .updateTable("account")
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        updated_at: now,
        must_change_password: 0,
      })
      .where("id", "=", accountId)
      .execute();
    await endAccountSessions(trx, accountId);
    await notifyPasswordChanged(trx, accountId);
  });
}
