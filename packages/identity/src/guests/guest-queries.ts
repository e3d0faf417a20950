import type { Kysely, Selectable } from "kysely";
import { normalizeEmail } from "../accounts/email";
import type { GuestTable } from "../storage/guest-tables";
import type { IdentityDB } from "../storage/schema";
import { DEFAULT_GUEST_SETTINGS, FALLBACK_IDPS, type FallbackIdp, type GuestSettings } from "./guest-rules";

type Db = Kysely<IdentityDB>;
export type Guest = Selectable<GuestTable>;

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

export async function guestSettings(db: Db, tenantId: string): Promise<GuestSettings> {
  const row = await db
    .selectFrom("guest_settings")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (!row) return DEFAULT_GUEST_SETTINGS;
  return {
    allowInvitesFrom: row.allow_invites_from,
    emailOtpEnabled: row.email_otp_enabled === 1,
    fallbackOrder: row.fallback_order
      .split(",")
      .filter((v): v is FallbackIdp => (FALLBACK_IDPS as readonly string[]).includes(v)),
  };
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
