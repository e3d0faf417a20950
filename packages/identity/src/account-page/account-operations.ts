import type { Kysely } from "kysely";
import type { IdentityContext } from "../context";
import { revokeAccountRefreshTokens } from "../oauth/refresh-tokens";
import { endAccountSessions } from "../sessions/sessions";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

/**
 * The holder's own security actions from the account page. No administrator acts, so no audit entry
 * (as for the holder's own password change); each is one transaction, so a session never ends while
 * the refresh tokens obtained in it live on.
 */

/** Ends one of the account's sessions (any browser) and the refresh tokens issued in it. */
export function endOwnSession(ctx: Pick<IdentityContext, "db">, accountId: string, sessionId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable("sign_in_session")
      .set({ revoked_at: Date.now() })
      .where("id", "=", sessionId)
      .where("account_id", "=", accountId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    await revokeTokens(trx, accountId, { column: "session_id", value: sessionId });
    return Number(ended.numUpdatedRows) > 0;
  });
}

/** "Sign out everywhere": every session on every browser and every refresh token of the account. */
export function signOutEverywhere(ctx: Pick<IdentityContext, "db">, accountId: string): Promise<void> {
  return ctx.db.transaction().execute((trx) => endEverything(trx, accountId));
}

/** Every session and refresh token of the account, inside the caller's transaction. */
export async function endEverything(trx: Db, accountId: string): Promise<void> {
  await endAccountSessions(trx, accountId);
  await revokeAccountRefreshTokens(trx, accountId);
}

/**
 * Withdraws the person's consent to an application: their own grants go, and so do the app's refresh
 * tokens for them, so the app gets nothing more without asking again. An administrator's consent for
 * the whole organization is not the person's to withdraw and stays.
 */
export function withdrawConsent(ctx: Pick<IdentityContext, "db">, accountId: string, clientAppId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom("oauth2_permission_grant")
      .where("consent_type", "=", "Principal")
      .where("principal_id", "=", accountId)
      .where("client_app_id", "=", clientAppId)
      .executeTakeFirst();
    await revokeTokens(trx, accountId, { column: "client_id", value: clientAppId });
    return Number(removed.numDeletedRows) > 0;
  });
}

/** Revokes the account's live refresh tokens issued in one session or to one client. */
async function revokeTokens(
  trx: Db,
  accountId: string,
  which: { readonly column: "session_id" | "client_id"; readonly value: string },
): Promise<void> {
  await trx
    .updateTable("refresh_token")
    .set({ revoked_at: Date.now() })
    .where("account_id", "=", accountId)
    .where(which.column, "=", which.value)
    .where("revoked_at", "is", null)
    .execute();
}
