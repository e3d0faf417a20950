import type { CredentialType, UserRealm } from "../identity-client/discovery-client";

export const CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

/** "deleted": the contact signed in once, and that account no longer exists (closed, erased). */
export type AccountKind = "work" | "personal" | "none" | "not_found" | "unknown" | "deleted";

/** A realm is an organization's when its namespace is Managed or Federated and is not Microsoft's consumer realm. */
function isOrganizationRealm(realm: UserRealm): boolean {
  const type = realm.NameSpaceType ?? "Unknown";
  if (type !== "Managed" && type !== "Federated") return false;
  return realm.DomainName?.toLowerCase() !== "live.com";
}

/**
 * What kind of Microsoft account an address has, from the two discovery answers.
 * IfExistsResult: 0 exists, 6 exists (federated), 5 exists with another provider (a personal
 * account), 1 no account. A throttled or missing answer is "unknown", never a guess.
 */
export function classifyAccount(
  realm: UserRealm | undefined,
  credential: CredentialType | undefined,
): AccountKind {
  if (!realm || !credential || credential.ThrottleStatus === 2) return "unknown";
  const exists = credential.IfExistsResult;
  // No account, but the domain is an organization's: that organization has no such address.
  if (exists === 1) return isOrganizationRealm(realm) ? "not_found" : "none";
  if (exists === 5) return "personal";
  if (exists === 0 || exists === 6) return isOrganizationRealm(realm) ? "work" : "personal";
  return "unknown";
}

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export type ConsentState = "approved" | "pending" | "revoked" | "not_needed";

/** The readiness the portal stores and shows. */
export interface Readiness {
  readonly kind: AccountKind;
  readonly tenantId: string | null;
  readonly domain: string | null;
  /** The organization that owns the domain (not_found: whom to ask). */
  readonly organization?: string | null;
  readonly consent: ConsentState;
  readonly checkedAt: number;
}

/** The kinds that say the person has no Microsoft account (yet, or any more). */
export const NO_ACCOUNT_KINDS: readonly AccountKind[] = ["none", "not_found", "deleted"];

/** The kinds that say the person has one. */
export const hasAccount = (kind: AccountKind): boolean => kind === "personal" || kind === "work";

/** Readiness saw the person go from no account to one: they created it (the firm's journal says so). */
export const accountWasCreated = (before: AccountKind | null | undefined, after: AccountKind): boolean =>
  before !== null && before !== undefined && NO_ACCOUNT_KINDS.includes(before) && hasAccount(after);
