import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

export function findRegistration(db: Db, accountId: string) {
  return db
    .selectFrom("factor_registration")
    .selectAll()
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** The first registration interrupt a plain user saw: the grace counts from it, so later ones keep it. */
export async function noteFirstAsked(db: Db, accountId: string, now: number): Promise<void> {
  await db
    .insertInto("factor_registration")
    .values({ account_id: accountId, first_asked_at: now, required_at: null })
    .onConflict((oc) =>
      oc
        .column("account_id")
        .doUpdateSet({ first_asked_at: now })
        .where("factor_registration.first_asked_at", "is", null),
    )
    .execute();
}

/** An administrator asked for a new registration: no grace, no skipping. */
export async function markRegistrationRequired(trx: Db, accountId: string, now: number): Promise<void> {
  await trx
    .insertInto("factor_registration")
    .values({ account_id: accountId, first_asked_at: null, required_at: now })
    .onConflict((oc) => oc.column("account_id").doUpdateSet({ required_at: now }))
    .execute();
}

/** A factor was registered: a demanded re-registration is done. */
export async function clearRegistrationRequired(trx: Db, accountId: string): Promise<void> {
  await trx
    .updateTable("factor_registration")
    .set({ required_at: null })
    .where("account_id", "=", accountId)
    .execute();
}
