import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

/** What tokens say of a B2B guest account: its invited address and how it redeemed (null: not yet). */
export function guestFacts(
  db: Kysely<IdentityDB>,
  accountId: string,
): Promise<{ email: string; redeemed_idp: string | null } | undefined> {
  return db
    .selectFrom("guest")
    .select(["email", "redeemed_idp"])
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}
