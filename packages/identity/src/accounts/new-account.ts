import type { Account } from "./account-queries";
import { normalizeEmail } from "./email";

export interface NewAccount {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: "personal" | "work";
  readonly email: string;
  readonly passwordHash: string;
  readonly displayName: string;
  readonly givenName?: string | null;
  readonly familyName?: string | null;
  readonly country?: string | null;
  readonly birthDate?: string | null;
  readonly language?: string;
  /** When the address was proven (emailed code, or an address the platform or an admin owns). */
  readonly emailVerifiedAt?: number | null;
  readonly marketingConsentAt?: number | null;
  readonly jobTitle?: string | null;
  readonly mustChangePassword?: boolean;
  readonly usageLocation?: string | null;
}

/** The one way an account row is made: normalised address, timestamps, enabled. */
export function newAccountRow(input: NewAccount, now = Date.now()): Account {
  return {
    id: input.id,
    tenant_id: input.tenantId,
    kind: input.kind,
    email: input.email.trim(),
    email_normalized: normalizeEmail(input.email),
    password_hash: input.passwordHash,
    display_name: input.displayName,
    given_name: input.givenName ?? null,
    family_name: input.familyName ?? null,
    country: input.country ?? null,
    birth_date: input.birthDate ?? null,
    language: input.language ?? "fr",
    email_verified_at: input.emailVerifiedAt ?? null,
    marketing_consent_at: input.marketingConsentAt ?? null,
    enabled: 1,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
    job_title: input.jobTitle ?? null,
    must_change_password: input.mustChangePassword ? 1 : 0,
    usage_location: input.usageLocation ?? null,
    deletion_requested_at: null,
    deletion_due_at: null,
  };
}
