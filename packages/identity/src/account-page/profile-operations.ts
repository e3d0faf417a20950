import { randomUUID } from "node:crypto";
import type { IdentityContext } from "../context";

export interface ProfileChange {
  readonly givenName: string;
  readonly familyName: string;
  readonly country: string;
  /** ISO date (YYYY-MM-DD). */
  readonly birthDate: string;
  readonly language: "fr" | "en";
  readonly marketing: boolean;
}

/**
 * The holder's own profile (personal accounts): names, country, birth date, language and the
 * marketing choice. A changed marketing choice is recorded with its date in the same transaction,
 * so the proof of consent is never behind the current state.
 */
export function updateOwnProfile(
  ctx: Pick<IdentityContext, "db">,
  accountId: string,
  change: ProfileChange,
): Promise<void> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = Date.now();
    const before = await trx
      .selectFrom("account")
      .select("marketing_consent_at")
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    const wasGranted = before.marketing_consent_at !== null;
    await trx
      .updateTable("account")
      .set({
        given_name: change.givenName,
        family_name: change.familyName,
        display_name: `${change.givenName} ${change.familyName}`.trim(),
        country: change.country,
        birth_date: change.birthDate,
        language: change.language,
        marketing_consent_at: change.marketing ? (before.marketing_consent_at ?? now) : null,
        updated_at: now,
      })
      .where("id", "=", accountId)
      .execute();
    if (wasGranted !== change.marketing)
      await trx
        .insertInto("marketing_consent_event")
        .values({ id: randomUUID(), account_id: accountId, granted: change.marketing ? 1 : 0, at: now })
        .execute();
  });
}

/** A work account's holder chooses only their language: the rest belongs to their organization. */
export async function updateOwnLanguage(
  ctx: Pick<IdentityContext, "db">,
  accountId: string,
  language: "fr" | "en",
): Promise<void> {
  await ctx.db
    .updateTable("account")
    .set({ language, updated_at: Date.now() })
    .where("id", "=", accountId)
    .execute();
}

export async function marketingHistory(ctx: Pick<IdentityContext, "db">, accountId: string) {
  return ctx.db
    .selectFrom("marketing_consent_event")
    .select(["granted", "at"])
    .where("account_id", "=", accountId)
    .orderBy("at", "desc")
    .execute();
}
