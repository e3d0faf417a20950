import type { Kysely } from "kysely";
import { findAccountById } from "../accounts/account-queries";
import { ROLES } from "../roles/role-catalogue";
import { rolesOf } from "../roles/role-queries";
import type { IdentityDB } from "../storage/schema";
import { securityDefaultsOn } from "../tenants/security-defaults-queries";
import { hasSecondFactor } from "./factor-queries";

type Db = Kysely<IdentityDB>;

/** A session whose sign-in proved a second factor: its `amr` says "mfa". */
export const didSecondFactor = (amr: readonly string[]): boolean => amr.includes("mfa");

/** Security defaults cover the administrator roles; Global Reader only reads, as at Microsoft. */
export const isAdministratorRole = (roleId: string): boolean => roleId !== ROLES.globalReader;

/** A work account holding an administrator role in a tenant whose security defaults are on. */
export async function administratorUnderSecurityDefaults(db: Db, accountId: string): Promise<boolean> {
  const account = await findAccountById(db, accountId);
  if (account?.kind !== "work") return false;
  if (!(await rolesOf(db, accountId)).some(isAdministratorRole)) return false;
  return securityDefaultsOn(db, account.tenant_id);
}

/**
 * Whether this account must prove a second factor for every sign-in and token: it has one (as
 * Microsoft's per-user MFA: grants from sign-ins without it stop working), or it is an
 * administrator under security defaults (who must register one first).
 */
export async function secondFactorRequired(db: Db, accountId: string): Promise<boolean> {
  return (await hasSecondFactor(db, accountId)) || administratorUnderSecurityDefaults(db, accountId);
}

/** The session's sign-in is not enough for this account: AADSTS50076 at the token endpoint, a prompt at authorize. */
export async function secondFactorMissing(
  db: Db,
  accountId: string,
  amr: readonly string[],
): Promise<boolean> {
  return !didSecondFactor(amr) && (await secondFactorRequired(db, accountId));
}
