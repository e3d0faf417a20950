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

/** Whether this account is a guest who has not accepted the inviting organisation's permissions yet. */
export async function guestAwaitsReview(db: Kysely<IdentityDB>, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("guest")
    .select("external_user_state")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row?.external_user_state === "PendingAcceptance";
}
