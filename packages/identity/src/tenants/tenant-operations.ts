import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { Kysely, Selectable } from "kysely";
import type { IdentityDB } from "../storage/schema";
import type { TenantDomainTable } from "../storage/tenant-tables";
import { DirectoryError } from "./directory-error";
import { isPublicMailDomain } from "./public-mail-domains";
import type { Tenant } from "./tenant-queries";
import {
  initialDomainPrefix,
  isDomainName,
  isInitialDomainPrefix,
  newVerificationToken,
  tokenMatches,
} from "./tenant-rules";

type Db = Kysely<IdentityDB>;
export type TenantDomain = Selectable<TenantDomainTable>;

export interface NewTenant {
  readonly displayName: string;
  readonly country: string;
  /** Defaults to the display name squeezed to letters and digits. */
  readonly prefix?: string;
  /** The platform's suffix (SESAME_TENANT_DOMAIN_SUFFIX). */
  readonly suffix: string;
  readonly userConsentAllowed?: boolean;
}

/** Creates an organization with its verified initial domain; run inside a transaction. */
export async function createTenant(
  trx: Db,
  input: NewTenant,
): Promise<{ tenant: Tenant; initialDomain: string }> {
  const displayName = input.displayName.trim();
  if (displayName.length < 2 || displayName.length > 256)
    throw new DirectoryError("directory.error.tenantName");
  if (!/^[A-Z]{2}$/.test(input.country)) throw new DirectoryError("directory.error.country");
  const prefix = (input.prefix ?? initialDomainPrefix(displayName)).toLowerCase();
  if (!isInitialDomainPrefix(prefix)) throw new DirectoryError("directory.error.prefix");
  const now = Date.now();
  const tenant: Tenant = {
    id: randomUUID(),
    display_name: displayName,
    kind: "organization",
    country: input.country,
    user_consent_allowed: input.userConsentAllowed === false ? 0 : 1,
    created_at: now,
    directory_version: 0,
    password_grant_allowed: 1,
  };
  const domain = `${prefix}.${input.suffix}`;
  await trx.insertInto("tenant").values(tenant).execute();
  await insertDomain(trx, tenant.id, domain, { initial: true, verifiedAt: now });
  return { tenant, initialDomain: domain };
}

async function insertDomain(
  trx: Db,
  tenantId: string,
  name: string,
  options: { initial: boolean; verifiedAt: number | null },
): Promise<TenantDomain> {
  const row: TenantDomain = {
    name,
    tenant_id: tenantId,
    is_initial: options.initial ? 1 : 0,
    is_default: options.initial ? 1 : 0,
    verification_token: newVerificationToken(),
    verified_at: options.verifiedAt,
    created_at: Date.now(),
  };
  try {
    await trx.insertInto("tenant_domain").values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DirectoryError("directory.error.domainTaken", { domain: name }, 409);
    throw error;
  }
  return row;
}

/** Adds an unverified custom domain and returns the TXT record to publish. */
export async function addDomain(
  trx: Db,
  tenantId: string,
  rawName: string,
  platform: { suffix: string; consumerDomains: readonly string[] },
): Promise<TenantDomain> {
  const name = rawName.trim().toLowerCase().replace(/\.$/, "");
  if (!isDomainName(name)) throw new DirectoryError("directory.error.domainName", { domain: rawName.trim() });
  const reserved = [platform.suffix, ...platform.consumerDomains];
  if (reserved.some((r) => name === r || name.endsWith(`.${r}`)))
    throw new DirectoryError("directory.error.domainReserved", { domain: name });
  if (isPublicMailDomain(name))
    throw new DirectoryError("directory.error.domainPublicMail", { domain: name });
  return insertDomain(trx, tenantId, name, { initial: false, verifiedAt: null });
}

export function listDomains(db: Db, tenantId: string): Promise<TenantDomain[]> {
  return db
    .selectFrom("tenant_domain")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("is_initial", "desc")
    .orderBy("name")
    .execute();
}

async function domainOf(db: Db, tenantId: string, name: string): Promise<TenantDomain> {
  const domain = await db
    .selectFrom("tenant_domain")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("name", "=", name.trim().toLowerCase())
    .executeTakeFirst();
  if (!domain) throw new DirectoryError("directory.error.domainUnknown", { domain: name.trim() }, 404);
  return domain;
}

/**
 * Simulated DNS verification: the admin pastes the TXT value they published; it must equal the
 * token we issued. (No DNS query is made: Sésame runs offline; see tenant-rules.ts.)
 */
export async function verifyDomain(
  trx: Db,
  tenantId: string,
  name: string,
  pasted: string,
): Promise<TenantDomain> {
  const domain = await domainOf(trx, tenantId, name);
  if (domain.verified_at !== null) return domain;
  if (!tokenMatches(domain.verification_token, pasted))
    throw new DirectoryError("directory.error.tokenMismatch", {
      domain: domain.name,
      token: domain.verification_token,
    });
  const verifiedAt = Date.now();
  await trx
    .updateTable("tenant_domain")
    .set({ verified_at: verifiedAt })
    .where("name", "=", domain.name)
    .execute();
  return { ...domain, verified_at: verifiedAt };
}

export async function setDefaultDomain(trx: Db, tenantId: string, name: string): Promise<TenantDomain> {
  const domain = await domainOf(trx, tenantId, name);
  if (domain.verified_at === null)
    throw new DirectoryError("directory.error.domainNotVerified", { domain: domain.name });
  await trx.updateTable("tenant_domain").set({ is_default: 0 }).where("tenant_id", "=", tenantId).execute();
  await trx.updateTable("tenant_domain").set({ is_default: 1 }).where("name", "=", domain.name).execute();
  return { ...domain, is_default: 1 };
}

/** The organization's on/off settings, by the column that holds each. */
export type TenantSwitch = "user_consent_allowed" | "password_grant_allowed";

export async function setTenantSwitch(
  trx: Db,
  tenantId: string,
  name: TenantSwitch,
  on: boolean,
): Promise<void> {
  await trx
    .updateTable("tenant")
    .set({ [name]: on ? 1 : 0 })
    .where("id", "=", tenantId)
    .execute();
}

export function listOrganizations(db: Db): Promise<Tenant[]> {
  return db
    .selectFrom("tenant")
    .selectAll()
    .where("kind", "=", "organization")
    .orderBy("display_name")
    .execute();
}

/** A tenant named by id or by one of its domains (CLI, reseller), or a clear error. */
export async function requireOrganization(db: Db, idOrDomain: string): Promise<Tenant> {
  const value = idOrDomain.trim().toLowerCase();
  const tenant = await db
    .selectFrom("tenant")
    .selectAll()
    .where("kind", "=", "organization")
    .where((eb) =>
      eb.or([
        eb("id", "=", value),
        eb("id", "in", eb.selectFrom("tenant_domain").select("tenant_id").where("name", "=", value)),
      ]),
    )
    .executeTakeFirst();
  if (!tenant) throw new DirectoryError("directory.error.tenantUnknown", { tenant: idOrDomain }, 404);
  return tenant;
}
