import type { Kysely } from "kysely";
import { emailDomain } from "../accounts/email";
import type { IdentityDB } from "../storage/schema";
import { tenantOfDomain } from "../tenants/tenant-queries";

/** Which sign-in an address belongs to: its organization's, or personal accounts. */
export type Realm =
  | { readonly kind: "personal" }
  | { readonly kind: "organization"; readonly tenantId: string; readonly displayName: string }
  /** domain_hint=organizations: some organization, not yet known which. */
  | { readonly kind: "work" };

const personal: Realm = { kind: "personal" };

/** Home-realm discovery: a verified domain of an organization leads to it; any other address is personal. */
export async function realmOfEmail(db: Kysely<IdentityDB>, email: string): Promise<Realm> {
  return realmOfDomain(db, emailDomain(email));
}

/** domain_hint as the OAuth request passed it: consumers, organizations, or a domain. */
export async function realmOfDomainHint(
  db: Kysely<IdentityDB>,
  hint: string | undefined,
): Promise<Realm | undefined> {
  const value = hint?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === "consumers") return personal;
  if (value === "organizations") return { kind: "work" };
  const realm = await realmOfDomain(db, value);
  return realm.kind === "organization" ? realm : undefined;
}

async function realmOfDomain(db: Kysely<IdentityDB>, domain: string): Promise<Realm> {
  if (!domain) return personal;
  const tenant = await tenantOfDomain(db, domain);
  if (tenant?.kind !== "organization") return personal;
  return { kind: "organization", tenantId: tenant.id, displayName: tenant.display_name };
}
