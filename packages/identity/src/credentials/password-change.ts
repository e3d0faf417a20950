import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import { announce } from "../account-page/security-alerts";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { revokeAccountRefreshTokens } from "../oauth/refresh-tokens";
import { endAccountSessions } from "../sessions/sessions";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

export interface NewPassword {
  /** argon2id hash, computed before the transaction (it is slow). */
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

/**
 * What every password change does, whoever asks for it, inside the caller's transaction: the new
 * hash and its date, then every sign-in session and every refresh token of the account ends, so
 * nothing obtained with the old password outlives it. All of it commits or none of it.
 */
export async function replacePassword(trx: Db, accountId: string, next: NewPassword): Promise<void> {
  const now = Date.now();
  await trx
    .updateTable("account")
    .set({
      password_hash: next.passwordHash,
      must_change_password: next.mustChangePassword ? 1 : 0,
      password_changed_at: now,
      updated_at: now,
    })
    .where("id", "=", accountId)
    .execute();
  await endAccountSessions(trx, accountId);
  await revokeAccountRefreshTokens(trx, accountId);
}

/**
 * The holder's own new password (asked at sign-in, or after a reset by emailed code): no
 * administrator acted, so no audit entry. `alsoInTransaction` adds the caller's own writes (the
 * reset attempt it burns), which then commit with the change or not at all.
 */
export function changeOwnPassword(
  ctx: Pick<IdentityContext, "db" | "config" | "origin">,
  accountId: string,
  passwordHash: string,
  alsoInTransaction: (trx: Db) => Promise<void> = async () => {},
): Promise<void> {
  return ctx.db.transaction().execute(async (trx) => {
    await alsoInTransaction(trx);
    await replacePassword(trx, accountId, { passwordHash, mustChangePassword: false });
    // The holder is told by mail, with a way to take the account back if it was not them.
    const account = await trx
      .selectFrom("account")
      .select(["id", "email", "language"])
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    await announce(trx, ctx, account, { kind: "password-changed", at: Date.now() });
  });
}

/** An administrator's reset (admin centre, Graph, CLI), with its entry in the tenant's audit trail. */
export function setPasswordByAdmin(
  ctx: IdentityContext,
  actor: Actor,
  account: Pick<Account, "id" | "tenant_id" | "email">,
  next: NewPassword,
): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await replacePassword(trx, account.id, next);
    return {
      result: undefined,
      audit: { scope: account.tenant_id, action: "user.resetPassword", target: account.email },
    };
  });
}
