import { createHash } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { TotpFactorTable } from "../storage/factor-tables";
import type { IdentityDB } from "../storage/schema";
import { countPasskeys } from "./passkey-queries";

type Db = Kysely<IdentityDB>;
export type TotpFactor = Selectable<TotpFactorTable>;

export const hashChallengeToken = (token: string): string =>
  createHash("sha256").update(token).digest("base64url");

export function findTotp(db: Db, accountId: string): Promise<TotpFactor | undefined> {
  return db.selectFrom("totp_factor").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

/** How many second factors the account has: the authenticator app counts one, each passkey one. */
export async function factorCount(db: Db, accountId: string): Promise<number> {
  const totp = await findTotp(db, accountId);
  return (totp?.enabled_at ? 1 : 0) + (await countPasskeys(db, accountId));
}

/** True when the account has a second factor that sign-in must ask for. */
export async function hasSecondFactor(db: Db, accountId: string): Promise<boolean> {
  return (await factorCount(db, accountId)) > 0;
}

/** A new secret waiting for its first code; it replaces one that never got enabled. */
export async function savePendingTotp(
  trx: Db,
  accountId: string,
  sealed: string,
  now: number,
): Promise<void> {
  await trx
    .deleteFrom("totp_factor")
    .where("account_id", "=", accountId)
    .where("enabled_at", "is", null)
    .execute();
  await trx
    .insertInto("totp_factor")
    .values({ account_id: accountId, secret_sealed: sealed, created_at: now, enabled_at: null, last_step: 0 })
    .execute();
}

export async function enableTotp(trx: Db, accountId: string, step: number, now: number): Promise<boolean> {
  const done = await trx
    .updateTable("totp_factor")
    .set({ enabled_at: now, last_step: step })
    .where("account_id", "=", accountId)
    .where("enabled_at", "is", null)
    .where("last_step", "<", step)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** Records the step of an accepted code; false when another request used this step first. */
export async function useTotpStep(db: Db, accountId: string, step: number): Promise<boolean> {
  const done = await db
    .updateTable("totp_factor")
    .set({ last_step: step })
    .where("account_id", "=", accountId)
    .where("last_step", "<", step)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function deleteTotp(trx: Db, accountId: string): Promise<void> {
  await trx.deleteFrom("totp_factor").where("account_id", "=", accountId).execute();
  await trx.deleteFrom("recovery_code").where("account_id", "=", accountId).execute();
}

export async function replaceRecoveryCodes(
  trx: Db,
  accountId: string,
  hashes: readonly string[],
  now: number,
): Promise<void> {
  await trx.deleteFrom("recovery_code").where("account_id", "=", accountId).execute();
  await trx
    .insertInto("recovery_code")
    .values(hashes.map((code_hash) => ({ account_id: accountId, code_hash, created_at: now, used_at: null })))
    .execute();
}

/** Marks a recovery code used; false when it does not exist or was used already. */
export async function useRecoveryCode(
  db: Db,
  accountId: string,
  codeHash: string,
  now: number,
): Promise<boolean> {
  const done = await db
    .updateTable("recovery_code")
    .set({ used_at: now })
    .where("account_id", "=", accountId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodes(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_code")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function saveChallenge(
  db: Db,
  row: { token: string; accountId: string; returnTo: string | undefined; expiresAt: number },
): Promise<void> {
  await db
    .insertInto("factor_challenge")
    .values({
      token_hash: hashChallengeToken(row.token),
      account_id: row.accountId,
      return_to: row.returnTo ?? null,
      expires_at: row.expiresAt,
    })
    .execute();
}

export function findChallenge(db: Db, token: string, now: number) {
  return db
    .selectFrom("factor_challenge")
    .selectAll()
    .where("token_hash", "=", hashChallengeToken(token))
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

export async function deleteChallenge(db: Db, token: string): Promise<void> {
  await db.deleteFrom("factor_challenge").where("token_hash", "=", hashChallengeToken(token)).execute();
}
