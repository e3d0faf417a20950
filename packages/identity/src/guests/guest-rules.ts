import type { Selectable } from "kysely";
import { v1Issuer } from "../protocol/authority";
import { ROLES } from "../roles/role-catalogue";
import type { GuestSettingsTable } from "../storage/guest-tables";

/** A tenant's external collaboration settings, as the rules read them. */
export interface GuestSettings {
  readonly allowInvitesFrom: GuestSettingsTable["allow_invites_from"];
  readonly emailOtpEnabled: boolean;
  readonly fallbackOrder: readonly FallbackIdp[];
  readonly privacyUrl: string | null;
}

/** Microsoft's defaultConfiguredIdp fallbacks, in the order they are tried. */
export type FallbackIdp = "microsoftAccount" | "emailOneTimePasscode";
export const FALLBACK_IDPS: readonly FallbackIdp[] = ["microsoftAccount", "emailOneTimePasscode"];

/**
 * Sésame's defaults: e-mail one-time passcode on (as Microsoft), an existing personal account
 * before a passcode (as Microsoft), and only administrators and Guest Inviters invite (Microsoft's
 * own default lets every member invite; a firm's directory is stricter by default).
 */
export const DEFAULT_GUEST_SETTINGS: GuestSettings = {
  allowInvitesFrom: "adminsAndGuestInviters",
  emailOtpEnabled: true,
  fallbackOrder: FALLBACK_IDPS,
  privacyUrl: null,
};

/** Graph's guest user principal name: `alice_gmail.com#EXT#@firm.onmicrosoft.com`. */
export function guestUserPrincipalName(address: string, initialDomain: string): string {
  return `${address.trim().replace("@", "_")}#EXT#@${initialDomain}`;
}

/** A guest's display name when the inviter gives none: the address's local part, as Entra does. */
export function defaultGuestDisplayName(address: string): string {
  return address.trim().split("@")[0] || address.trim();
}

const INVITER_ROLES: readonly string[] = [
  ROLES.globalAdministrator,
  ROLES.userAdministrator,
  ROLES.guestInviter,
];

/** May a signed-in user of the tenant invite guests (delegated User.Invite.All already checked)? */
export function mayInvite(
  roles: readonly string[],
  settings: GuestSettings,
  callerIsGuest: boolean,
): boolean {
  if (settings.allowInvitesFrom === "none") return false;
  if (roles.some((r) => INVITER_ROLES.includes(r))) return true;
  return settings.allowInvitesFrom === "adminsGuestInvitersAndAllMembers" && !callerIsGuest;
}

/** The `idp` claim of a guest's tokens for each way of redeeming (Microsoft's values). */
export function guestIdp(kind: "mail" | "personal" | "work", origin: string, homeTenantId = ""): string {
  if (kind === "mail") return "mail";
  if (kind === "personal") return "live.com";
  return v1Issuer(origin, homeTenantId);
}

/**
 * May this guest use an e-mailed passcode? Only where the tenant allows it, and only a guest who
 * has not redeemed yet or who redeemed with a passcode (one who redeemed with an account uses it).
 */
export function mayUsePasscode(
  guest: { readonly external_user_state: string; readonly redeemed_idp: string | null },
  settings: GuestSettings,
): boolean {
  if (!settings.emailOtpEnabled) return false;
  return guest.external_user_state === "PendingAcceptance" || guest.redeemed_idp === "mail";
}

/** The settings a tenant's row says, or the defaults when it has none. */
export function settingsOf(row: Selectable<GuestSettingsTable> | undefined): GuestSettings {
  if (!row) return DEFAULT_GUEST_SETTINGS;
  return {
    allowInvitesFrom: row.allow_invites_from,
    emailOtpEnabled: row.email_otp_enabled === 1,
    fallbackOrder: row.fallback_order
      .split(",")
      .filter((v): v is FallbackIdp => (FALLBACK_IDPS as readonly string[]).includes(v)),
    privacyUrl: row.privacy_url,
  };
}
