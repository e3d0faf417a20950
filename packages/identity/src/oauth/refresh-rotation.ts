import type { GroupedTransaction } from "@sesame/kit/db/commit-group";
import { preparedPerDatabase } from "@sesame/kit/db/prepared-query";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import {
  hashToken,
  type NewRefreshToken,
  type RefreshToken,
  revokeFamily,
  storeRefreshToken,
} from "./refresh-tokens";

type Db = Kysely<IdentityDB>;

// The conditional update every refresh makes: compiled once per database (prepared-query.ts).
const claimRotation = preparedPerDatabase<IdentityDB, { now: number; tokenHash: string }, never>(
  (db, param) =>
    db
      .updateTable("refresh_token")
      .set({ rotated_at: param("now") })
      .where("token_hash", "=", param("tokenHash"))
      .where("rotated_at", "is", null)
      .where("revoked_at", "is", null),
);

/** rotated: first use; retried: the lost-response retry, same successor; reused: theft, family revoked. */
export type RotationOutcome = "rotated" | "retried" | "reused";

/**
 * Replaces `previous` by `successor` in one transaction: the conditional update lets exactly one of
 * parallel requests rotate, and the successor is stored with it, so a request that loses sees it.
 * The loser is a retry when it comes within `graceMs` of the rotation and the successor is still
 * unused; any other reuse revokes the whole family (the successor included) once the winner has
 * committed, so nothing the family issued survives it. On SQLite the transaction shares its commit
 * with the rotations of the same turn of the event loop (`grouped`, kit/db/commit-group.ts).
 */
export async function rotateRefreshToken(
  db: Db,
  grouped: GroupedTransaction<IdentityDB>,
  input: { previous: RefreshToken; successor: string; row: NewRefreshToken | undefined; graceMs: number },
): Promise<RotationOutcome> {
  const { previous } = input;
  const outcome = await grouped(async (trx): Promise<RotationOutcome> => {
    const now = Date.now();
    const claimed = await claimRotation(db, { now, tokenHash: previous.token_hash }, trx);
    if (Number(claimed.numAffectedRows) === 1) {
      if (input.row)
        await storeRefreshToken(
          db,
          input.row,
          {
            value: input.successor,
            familyId: previous.family_id,
            expiresAt: previous.spa === 1 ? previous.expires_at : undefined,
          },
          trx,
        );
      return "rotated";
    }
    const current = await trx
      .selectFrom("refresh_token")
      .select(["rotated_at", "revoked_at"])
      .where("token_hash", "=", previous.token_hash)
      .executeTakeFirst();
    if (!current || current.revoked_at !== null || current.rotated_at === null) return "reused";
    if (!withinGrace(current.rotated_at, input.graceMs, now)) return "reused";
    const successor = await trx
      .selectFrom("refresh_token")
      .select(["family_id", "rotated_at", "revoked_at"])
      .where("token_hash", "=", hashToken(input.successor))
      .executeTakeFirst();
    const unused =
      successor?.family_id === previous.family_id &&
      successor.rotated_at === null &&
      successor.revoked_at === null;
    return unused ? "retried" : "reused";
  });
  if (outcome === "reused") await revokeFamily(db, previous.family_id);
  return outcome;
}

/** Whether a token rotated at `rotatedAt` may still be retried (0 disables the grace). */
export function withinGrace(rotatedAt: number, graceMs: number, now = Date.now()): boolean {
  return graceMs > 0 && now - rotatedAt <= graceMs;
}
