import type { Kysely } from "kysely";
import { emailDomain } from "../accounts/email";
import type { IdentityDB } from "../storage/schema";
import { tenantOfDomain } from "../tenants/tenant-queries";
import type { Guest } from "./guest-queries";
import type { GuestSettings } from "./guest-rules";

/** How a guest redeems, in Microsoft's order. */
export type RedemptionPath =
  | "homeTenant"
  | "microsoftAccount"
  | "emailOneTimePasscode"
  | "newMicrosoftAccount";

/**
 * Microsoft's order: a work account of another organization (the address's domain is verified
 * there and the account exists) signs in at home; otherwise the tenant's fallback order between an
 * existing personal account and an e-mailed passcode (when allowed); otherwise a new personal account.
 */
export async function redemptionPath(
  db: Kysely<IdentityDB>,
  guest: Guest,
  settings: GuestSettings,
): Promise<RedemptionPath> {
  const home = await tenantOfDomain(db, emailDomain(guest.email));
  const accounts = await db
    .selectFrom("account")
    .leftJoin("guest", "guest.account_id", "account.id")
    .select(["account.kind", "account.tenant_id"])
    .where("account.email_normalized", "=", guest.email_normalized)
    .where("guest.account_id", "is", null)
    .execute();
  if (
    home?.kind === "organization" &&
    home.id !== guest.tenant_id &&
    accounts.some((a) => a.kind === "work" && a.tenant_id === home.id)
  )
    return "homeTenant";
  for (const idp of settings.fallbackOrder) {
    if (idp === "microsoftAccount" && accounts.some((a) => a.kind === "personal")) return "microsoftAccount";
    if (idp === "emailOneTimePasscode" && settings.emailOtpEnabled) return "emailOneTimePasscode";
  }
  return "newMicrosoftAccount";
}
