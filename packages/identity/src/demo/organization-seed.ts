import type { Account } from "../accounts/account-queries";
import { argon2Settings } from "../accounts/argon2-settings";
import { hashPassword } from "../accounts/password-hash";
import type { IdentityContext } from "../context";
import { createWorkAccount } from "../directory/work-accounts";
import { addSeats, assignLicence, requireSku } from "../licences/licence-operations";
import { makeReseller } from "../reseller/reseller-operations";
import { findRole } from "../roles/role-catalogue";
import { assignRole } from "../roles/role-operations";
import { addDomain, createTenant, setDefaultDomain, verifyDomain } from "../tenants/tenant-operations";
import type { Tenant } from "../tenants/tenant-queries";

export interface SeedUser {
  readonly userName: string;
  readonly displayName: string;
  readonly password: string;
  readonly jobTitle?: string;
  /** Role names or template ids. */
  readonly roles?: readonly string[];
  /** skuPartNumbers. */
  readonly licences?: readonly string[];
}

export interface SeedOrganization {
  readonly displayName: string;
  readonly country: string;
  readonly prefix: string;
  /** A custom domain, verified and made default; users are created on it. */
  readonly customDomain?: string;
  readonly userConsentAllowed?: boolean;
  readonly subscriptions?: readonly { sku: string; seats: number }[];
  readonly reseller?: boolean;
  readonly users: readonly SeedUser[];
}

export interface SeededOrganization {
  readonly tenant: Tenant;
  readonly domain: string;
  readonly users: ReadonlyMap<string, Account>;
}

/**
 * An organization with its domains, subscriptions, users, roles and licences, in one transaction:
 * for demo data and tests. Passwords are set as known (no change required).
 */
export async function seedOrganization(
  ctx: IdentityContext,
  spec: SeedOrganization,
): Promise<SeededOrganization> {
  const hashes = await Promise.all(
    spec.users.map((u) => hashPassword(u.password, argon2Settings(ctx.config))),
  );
  return ctx.db.transaction().execute(async (trx) => {
    const { tenant, initialDomain } = await createTenant(trx, {
      displayName: spec.displayName,
      country: spec.country,
      prefix: spec.prefix,
      suffix: ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
      userConsentAllowed: spec.userConsentAllowed ?? true,
    });
    let domain = initialDomain;
    if (spec.customDomain) {
      const added = await addDomain(trx, tenant.id, spec.customDomain, {
        suffix: ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
        consumerDomains: ctx.config.SESAME_CONSUMER_DOMAINS,
      });
      await verifyDomain(trx, tenant.id, added.name, added.verification_token);
      await setDefaultDomain(trx, tenant.id, added.name);
      domain = added.name;
    }
    if (spec.reseller) await makeReseller(trx, tenant.id);
    for (const s of spec.subscriptions ?? [])
      await addSeats(trx, tenant.id, await requireSku(trx, s.sku), s.seats);
    const users = new Map<string, Account>();
    for (const [i, u] of spec.users.entries()) {
      const account = await createWorkAccount(trx, {
        tenantId: tenant.id,
        userName: u.userName,
        domain,
        displayName: u.displayName,
        jobTitle: u.jobTitle ?? null,
        usageLocation: spec.country,
        passwordHash: hashes[i] ?? "",
        mustChangePassword: false,
      });
      for (const name of u.roles ?? []) {
        const role = findRole(name);
        if (!role) throw new Error(`unknown role ${name}`);
        await assignRole(trx, account, role);
      }
      for (const sku of u.licences ?? []) await assignLicence(trx, account, await requireSku(trx, sku));
      users.set(u.userName, account);
    }
    return { tenant, domain, users };
  });
}
