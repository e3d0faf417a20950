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
  const work = account?.kind === "work";
  return demandOf(
    {
      work,
      administrator: work && (await rolesOf(db, accountId)).some(isAdministratorRole),
      securityDefaults: work && account !== undefined && (await securityDefaultsOn(db, account.tenant_id)),
      registration: await findRegistration(db, accountId),
      hasFactor: false,
    },
    now,
  );
}

/**
 * What decides an account's second-factor demand, read by the caller (the token path reads them
 * all in one statement: see oauth/user-token-facts.ts). `administrator`: holds a role other than
 * Global Reader; `securityDefaults`: its tenant's are on.
 */
export interface FactorFacts {
  readonly work: boolean;
  readonly administrator: boolean;
  readonly securityDefaults: boolean;
  readonly registration: { first_asked_at: number | null; required_at: number | null } | undefined;
  readonly hasFactor: boolean;
}

/** `registrationDemand` from facts already read. */
export function demandOf(f: FactorFacts, now: number): RegistrationDemand {
  if (f.hasFactor) return { kind: "none" };
  const defaults = f.work && f.securityDefaults;
  if (defaults && f.administrator) return { kind: "required" };
  if (f.registration?.required_at != null) return { kind: "required" };
  if (!defaults) return { kind: "none" };
  if (f.registration?.first_asked_at == null) return { kind: "grace", until: undefined };
  const until = Number(f.registration.first_asked_at) + REGISTRATION_GRACE_MS;
  return until > now ? { kind: "grace", until } : { kind: "required" };
}

/** `secondFactorMissing` from facts already read: the same rule, without a read. */
export function secondFactorMissingOf(f: FactorFacts, amr: readonly string[], now = Date.now()): boolean {
  return !didSecondFactor(amr) && (f.hasFactor || demandOf(f, now).kind === "required");
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
