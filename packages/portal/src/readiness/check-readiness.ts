import { findTenantConsent, markConsentRevoked } from "../consent/consent-queries";
import {
  getCredentialType,
  getUserRealm,
  probeTenantGrant,
  tenantIdOfDomain,
} from "../identity-client/discovery-client";
import type { PortalContext } from "../service/portal-context";
import {
  CONSUMER_TENANT_ID,
  type ConsentState,
  classifyAccount,
  emailDomain,
  type Readiness,
} from "./readiness-rules";

/**
 * Account readiness of an address, from the email alone: Microsoft's discovery endpoints tell the
 * kind of account, OpenID discovery of the domain gives the tenant, the consent registry (confirmed
 * by a token request for that tenant) tells whether the tenant approved the firm's application.
 */
export async function checkReadiness(ctx: PortalContext, firmId: string, email: string): Promise<Readiness> {
  const checkedAt = Date.now();
  const [realm, credential] = await Promise.all([
    getUserRealm(ctx.fetch, ctx.authority, email),
    getCredentialType(ctx.fetch, ctx.authority, email),
  ]);
  const kind = classifyAccount(realm, credential);
  const domain = emailDomain(email);
  if (kind === "personal") {
    return { kind, tenantId: CONSUMER_TENANT_ID, domain, consent: "not_needed", checkedAt };
  }
  if (kind === "not_found") {
    const organization = realm?.FederationBrandName ?? null;
    return { kind, tenantId: null, domain, organization, consent: "not_needed", checkedAt };
  }
  if (kind !== "work") return { kind, tenantId: null, domain, consent: "not_needed", checkedAt };
  const tenantId = await tenantIdOfDomain(ctx.fetch, ctx.authority, realm?.DomainName ?? domain);
  if (!tenantId) return { kind: "unknown", tenantId: null, domain, consent: "not_needed", checkedAt };
  return { kind, tenantId, domain, consent: await tenantConsentState(ctx, firmId, tenantId), checkedAt };
}

/**
 * Only the registry (an approval seen on /{firm}/authorize) makes a tenant approved; a token request
 * for that tenant then confirms the approval still stands, so a revocation shows on the next check.
 */
async function tenantConsentState(
  ctx: PortalContext,
  firmId: string,
  tenantId: string,
): Promise<ConsentState> {
  const registered = await findTenantConsent(ctx.db, firmId, tenantId);
  if (!registered) return "pending";
  if (registered.revoked_at !== null) return "revoked";
  const probe = await probeTenantGrant(ctx.fetch, ctx.authority, tenantId, {
    id: ctx.config.SESAME_CLIENT_ID,
    secret: ctx.config.SESAME_CLIENT_SECRET,
  });
  if (probe !== "not_granted") return "approved";
  await markConsentRevoked(ctx.db, registered.id);
  return "revoked";
}
