import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

/**
 * The guest object of `tenantId` that this account (a personal account, or a work account of another
 * organization) redeemed: who it is when it signs in through that tenant's authority.
 */
export async function guestOfHomeAccount(
  db: Kysely<IdentityDB>,
  tenantId: string,
  homeAccountId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("guest")
    .select("account_id")
    .where("tenant_id", "=", tenantId)
    .where("home_account_id", "=", homeAccountId)
    .where("external_user_state", "=", "Accepted")
    .executeTakeFirst();
  return row?.account_id;
}
