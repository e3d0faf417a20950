import type { Kysely } from "kysely";
import { type Account, findAccountById } from "../accounts/account-queries";
import { ROLES } from "../roles/role-catalogue";
import { rolesOf } from "../roles/role-queries";
import type { IdentityDB } from "../storage/schema";
import { securityDefaultsOn } from "../tenants/security-defaults-queries";
import { factorCount, hasSecondFactor } from "./factor-queries";
import { findRegistration } from "./registration-queries";

type Db = Kysely<IdentityDB>;

/** Security defaults give plain users 14 days, from the first interrupt, to register a factor. */
export const REGISTRATION_GRACE_MS = 14 * 24 * 60 * 60 * 1000;

/** A session whose sign-in proved a second factor: its `amr` says "mfa". */
export const didSecondFactor = (amr: readonly string[]): boolean => amr.includes("mfa");

/** Security defaults cover the administrator roles; Global Reader only reads, as at Microsoft. */
export const isAdministratorRole = (roleId: string): boolean => roleId !== ROLES.globalReader;

/** A work account holding an administrator role in a tenant whose security defaults are on. */
export async function administratorUnderSecurityDefaults(db: Db, accountId: string): Promise<boolean> {
  return administratorUnder(db, await findAccountById(db, accountId));
}

async function administratorUnder(db: Db, account: Account | undefined): Promise<boolean> {
  if (account?.kind !== "work") return false;
  if (!(await rolesOf(db, account.id)).some(isAdministratorRole)) return false;
  return securityDefaultsOn(db, account.tenant_id);
}

/** Removing one factor would leave an administrator under security defaults with none: refused. */
export async function lastFactorOfAdministrator(db: Db, accountId: string): Promise<boolean> {
  return (await factorCount(db, accountId)) <= 1 && (await administratorUnderSecurityDefaults(db, accountId));
}

/**
 * What sign-in asks of an account without a factor: nothing; registration with "Skip for now"
 * (a plain user of a tenant with security defaults, within 14 days of the first interrupt, `until`
 * undefined before that first one); or registration with no skipping (administrators, users whose
 * grace ran out, users an administrator asked to register again).
 */
export type RegistrationDemand =
  | { readonly kind: "none" }
  | { readonly kind: "grace"; readonly until: number | undefined }
  | { readonly kind: "required" };

export async function registrationDemand(
  db: Db,
  accountId: string,
  now = Date.now(),
): Promise<RegistrationDemand> {
  if (await hasSecondFactor(db, accountId)) return { kind: "none" };
  return demandWithoutFactor(db, accountId, now);
}

/**
 * `registrationDemand` once the account is known to hold no factor. The account row is read once
 * here (the token endpoint asks this at every request: the reads are the cost, bench profile).
 */
async function demandWithoutFactor(db: Db, accountId: string, now: number): Promise<RegistrationDemand> {
  const account = await findAccountById(db, accountId);
  if (await administratorUnder(db, account)) return { kind: "required" };
  const registration = await findRegistration(db, accountId);
  if (registration?.required_at != null) return { kind: "required" };
  if (account?.kind !== "work" || !(await securityDefaultsOn(db, account.tenant_id))) return { kind: "none" };
  if (registration?.first_asked_at == null) return { kind: "grace", until: undefined };
  const until = Number(registration.first_asked_at) + REGISTRATION_GRACE_MS;
  return until > now ? { kind: "grace", until } : { kind: "required" };
}

/**
 * Whether this account must prove a second factor for every sign-in and token: it has one (as
 * Microsoft's per-user MFA: grants from sign-ins without it stop working), or it must register
 * one first (an administrator under security defaults, a user past the grace or asked again).
 */
export async function secondFactorRequired(db: Db, accountId: string): Promise<boolean> {
  if (await hasSecondFactor(db, accountId)) return true;
  return (await demandWithoutFactor(db, accountId, Date.now())).kind === "required";
}

/** The session's sign-in is not enough for this account: AADSTS50076 at the token endpoint, a prompt at authorize. */
export async function secondFactorMissing(
  db: Db,
  accountId: string,
  amr: readonly string[],
): Promise<boolean> {
  return !didSecondFactor(amr) && (await secondFactorRequired(db, accountId));
}
