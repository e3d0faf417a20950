import type { Kysely, Selectable } from "kysely";
import type { PasskeyChallengeTable, PasskeyTable } from "../storage/passkey-tables";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;
export type Passkey = Selectable<PasskeyTable>;
export type ChallengePurpose = PasskeyChallengeTable["purpose"];

export function passkeysOf(db: Db, accountId: string): Promise<Passkey[]> {
  return db
    .selectFrom("passkey")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
}

export function findPasskey(db: Db, credentialId: string): Promise<Passkey | undefined> {
  return db.selectFrom("passkey").selectAll().where("credential_id", "=", credentialId).executeTakeFirst();
}

export async function countPasskeys(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("passkey")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** False when the credential is registered already (to this account or another). */
export async function insertPasskey(trx: Db, row: Passkey): Promise<boolean> {
  const done = await trx
    .insertInto("passkey")
    .values(row)
    .onConflict((oc) => oc.column("credential_id").doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function renamePasskey(
  trx: Db,
  accountId: string,
  credentialId: string,
  name: string,
): Promise<boolean> {
  const done = await trx
    .updateTable("passkey")
    .set({ name })
    .where("account_id", "=", accountId)
    .where("credential_id", "=", credentialId)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function deletePasskey(trx: Db, accountId: string, credentialId: string): Promise<boolean> {
  const done = await trx
    .deleteFrom("passkey")
    .where("account_id", "=", accountId)
    .where("credential_id", "=", credentialId)
    .executeTakeFirst();
  return Number(done.numDeletedRows) === 1;
}

/**
 * Records a use with its new counter, only if the stored counter is still the one checked: of two
 * requests replaying one assertion, one wins.
 */
export async function recordPasskeyUse(
  db: Db,
  key: Passkey,
  newCounter: number,
  now: number,
): Promise<boolean> {
  const done = await db
    .updateTable("passkey")
    .set({ counter: newCounter, last_used_at: now })
    .where("credential_id", "=", key.credential_id)
    .where("counter", "=", key.counter)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function saveWebauthnChallenge(
  db: Db,
  row: { challenge: string; accountId: string | null; purpose: ChallengePurpose; expiresAt: number },
): Promise<void> {
  await db
    .insertInto("passkey_challenge")
    .values({
      challenge: row.challenge,
      account_id: row.accountId,
      purpose: row.purpose,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** Takes a challenge out (single use); undefined when unknown, expired or made for another purpose. */
export async function takeWebauthnChallenge(
  db: Db,
  challenge: string,
  purpose: ChallengePurpose,
  now: number,
): Promise<{ accountId: string | null } | undefined> {
  const row = await db
    .selectFrom("passkey_challenge")
    .select("account_id")
    .where("challenge", "=", challenge)
    .where("purpose", "=", purpose)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (!row) return undefined;
  const done = await db.deleteFrom("passkey_challenge").where("challenge", "=", challenge).executeTakeFirst();
  return Number(done.numDeletedRows) === 1 ? { accountId: row.account_id } : undefined;
}
