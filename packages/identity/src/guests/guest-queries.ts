import type { Kysely, Selectable } from "kysely";
import { normalizeEmail } from "../accounts/email";
import type { GuestSettingsTable, GuestTable } from "../storage/guest-tables";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;
export type Guest = Selectable<GuestTable>;
export type GuestSettingsRow = Selectable<GuestSettingsTable>;

export function findGuestByEmail(db: Db, tenantId: string, email: string): Promise<Guest | undefined> {
  return db
    .selectFrom("guest")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("email_normalized", "=", normalizeEmail(email))
    .executeTakeFirst();
}

export function findGuest(db: Db, accountId: string): Promise<Guest | undefined> {
  return db.selectFrom("guest").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

export function findGuestByRedeemToken(db: Db, tokenHash: string): Promise<Guest | undefined> {
  return db.selectFrom("guest").selectAll().where("redeem_token_hash", "=", tokenHash).executeTakeFirst();
}

/** The guests of a tenant by account id: what Graph and the admin centre add to user rows. */
export async function guestsOfTenant(db: Db, tenantId: string): Promise<ReadonlyMap<string, Guest>> {
  const rows = await db.selectFrom("guest").selectAll().where("tenant_id", "=", tenantId).execute();
  return new Map(rows.map((g) => [g.account_id, g]));
}

/** The tenant's external collaboration settings row; none means the defaults (guest-rules.ts). */
export function guestSettingsRow(db: Db, tenantId: string): Promise<GuestSettingsRow | undefined> {
  return db.selectFrom("guest_settings").selectAll().where("tenant_id", "=", tenantId).executeTakeFirst();
}

/** The tenant's initial domain (`*.onmicrosoft.com`): where guests' user principal names live. */
export async function initialDomain(db: Db, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("tenant_domain")
    .select("name")
    .where("tenant_id", "=", tenantId)
    .where("is_initial", "=", 1)
    .executeTakeFirst();
  return row?.name;
}
