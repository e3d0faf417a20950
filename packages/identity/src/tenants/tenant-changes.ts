import { audited } from "@sesame/kit/operations/audited";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { domainProof } from "./domain-proof";
import { saveSecurityDefaults } from "./security-defaults-queries";
import {
  addDomain,
  createTenant,
  setDefaultDomain,
  setTenantSwitch,
  type TenantDomain,
  type TenantSwitch,
  verifyDomain,
} from "./tenant-operations";
import type { Tenant } from "./tenant-queries";

/**
 * The organization's own writes, whichever front-end asks (admin centre, CLI): each with its
 * audit entry in the tenant's trail, in one transaction.
 */

/** A new organization with its initial domain. */
export function createOrganization(
  ctx: IdentityContext,
  actor: Actor,
  input: { displayName: string; country: string; prefix?: string | undefined },
): Promise<{ tenant: Tenant; initialDomain: string }> {
  return audited(ctx, actor, async (trx) => {
    const created = await createTenant(trx, {
      displayName: input.displayName,
      country: input.country,
      ...(input.prefix ? { prefix: input.prefix } : {}),
      suffix: ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
    });
    // New organizations start with security defaults on, as at Microsoft.
    await saveSecurityDefaults(trx, created.tenant.id, true);
    return {
      result: created,
      audit: { scope: created.tenant.id, action: "tenant.create", target: created.tenant.display_name },
    };
  });
}

/** May ordinary users consent to applications themselves. */
export const setUserConsent = (
  ctx: IdentityContext,
  actor: Actor,
  tenant: SwitchedTenant,
  allowed: boolean,
) =>
  setSwitch(ctx, actor, tenant, { column: "user_consent_allowed", action: "settings.userConsent" }, allowed);

/** May applications sign the organization's users in with their password (ROPC)? */
export const setPasswordGrant = (
  ctx: IdentityContext,
  actor: Actor,
  tenant: SwitchedTenant,
  allowed: boolean,
) =>
  setSwitch(
    ctx,
    actor,
    tenant,
    { column: "password_grant_allowed", action: "settings.passwordGrant" },
    allowed,
  );

type SwitchedTenant = Pick<Tenant, "id" | "display_name">;

/** One on/off setting of the organization, with its audit entry. */
function setSwitch(
  ctx: IdentityContext,
  actor: Actor,
  tenant: SwitchedTenant,
  setting: { column: TenantSwitch; action: string },
  allowed: boolean,
): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await setTenantSwitch(trx, tenant.id, setting.column, allowed);
    return {
      result: undefined,
      audit: { scope: tenant.id, action: setting.action, target: tenant.display_name, detail: { allowed } },
    };
  });
}

/** Adds an unverified custom domain; its TXT record is in the answer. */
export function addTenantDomain(
  ctx: IdentityContext,
  actor: Actor,
  tenantId: string,
  name: string,
): Promise<TenantDomain> {
  return audited(ctx, actor, async (trx) => ({
    result: await addDomain(trx, tenantId, name, {
      suffix: ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
      consumerDomains: ctx.config.SESAME_CONSUMER_DOMAINS,
    }),
    audit: { scope: tenantId, action: "domain.add", target: name },
  }));
}

/** Verifies a domain with the TXT value published for it. */
export async function verifyTenantDomain(
  ctx: IdentityContext,
  actor: Actor,
  tenantId: string,
  name: string,
  pasted: string | undefined,
): Promise<TenantDomain> {
  // DNS is asked before the transaction, so a slow resolver holds no database connection.
  const proof = await domainProof(ctx, tenantId, name, pasted);
  return audited(ctx, actor, async (trx) => ({
    result: await verifyDomain(trx, tenantId, name, proof),
    audit: { scope: tenantId, action: "domain.verify", target: name },
  }));
}

/** Makes a verified domain the default one for new users. */
export function makeDefaultDomain(
  ctx: IdentityContext,
  actor: Actor,
  tenantId: string,
  name: string,
): Promise<TenantDomain> {
  return audited(ctx, actor, async (trx) => ({
    result: await setDefaultDomain(trx, tenantId, name),
    audit: { scope: tenantId, action: "domain.default", target: name },
  }));
}
