import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;
const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

export async function saveReopenChallenge(
  db: Db,
  row: {
    token: string;
    accountId: string;
    returnTo: string | undefined;
    amr: readonly string[];
    expiresAt: number;
  },
): Promise<void> {
  await db
    .insertInto("reopen_challenge")
    .values({
      token_hash: sha256(row.token),
      account_id: row.accountId,
      return_to: row.returnTo ?? null,
      amr: JSON.stringify(row.amr),
      expires_at: row.expiresAt,
    })
    .execute();
}

/**
 * Takes the challenge of `token` (single use: of two answers racing, one gets it) if it has not
 * lapsed; what the sign-in proved, for the session that follows a "reopen".
 */
export async function takeReopenChallenge(
  db: Db,
  token: string,
  now: number,
): Promise<{ accountId: string; returnTo: string | undefined; amr: string[] } | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("reopen_challenge")
      .selectAll()
      .where("token_hash", "=", sha256(token))
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (!row) return undefined;
    const taken = await trx
      .deleteFrom("reopen_challenge")
      .where("token_hash", "=", row.token_hash)
      .executeTakeFirst();
    if (Number(taken.numDeletedRows) === 0) return undefined;
    const amr = JSON.parse(row.amr) as unknown;
    return {
      accountId: row.account_id,
      returnTo: row.return_to ?? undefined,
      amr: Array.isArray(amr) ? amr.filter((m): m is string => typeof m === "string") : [],
    };
  });
}
