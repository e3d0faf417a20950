import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

/** Where accepted anti-robot solutions are remembered until their challenge expires. */
export interface UsedSolutions {
  /** True exactly once per challenge signature, across instances and restarts. */
  claim(challengeSignature: string, expiresAt: number): Promise<boolean>;
}

/** In the database: the insert of the signature is the claim; a second insert changes nothing. */
export function usedSolutionsIn(db: Kysely<IdentityDB>): UsedSolutions {
  return {
    async claim(challengeSignature, expiresAt) {
      const result = await db
        .insertInto("altcha_used_solution")
        .values({ challenge_signature: challengeSignature, expires_at: expiresAt })
        .onConflict((oc) => oc.column("challenge_signature").doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}
