import type { Account } from "../accounts/account-queries";
import type { Guest } from "../guests/guest-queries";
import type { AssignedLicence, SubscriptionView } from "../licences/licence-queries";
import type { TenantDomain } from "../tenants/tenant-operations";
import type { Tenant } from "../tenants/tenant-queries";

export const GRAPH_ROOT = "https://graph.microsoft.com/v1.0";
export const context = (what: string) => `${GRAPH_ROOT}/$metadata#${what}`;
const iso = (ms: number | null) =>
  ms === null ? null : new Date(Number(ms)).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Graph `user`: the default properties, plus the ones a client may ask for with $select. */
export function graphUser(
  a: Account,
  select: readonly string[] | undefined,
  guest?: Guest,
): Record<string, unknown> {
  const [given = null, ...rest] = a.display_name.split(" ");
  const base = {
    businessPhones: [],
    displayName: a.display_name,
    givenName: a.given_name ?? given,
    jobTitle: a.job_title,
    mail: guest ? guest.email : a.kind === "work" ? a.email : null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: a.language === "fr" ? "fr-FR" : "en-US",
    surname: a.family_name ?? (rest.join(" ") || null),
    userPrincipalName: a.email,
    id: a.id,
  };
  if (!select?.length) return base;
  return {
    ...base,
    accountEnabled: a.enabled === 1,
    usageLocation: a.usage_location,
    createdDateTime: iso(a.created_at),
    mailNickname: a.email.split("@")[0],
    ...guestFields(a, guest),
  };
}

/** userType, externalUserState and identities: what tells a guest from a member. */
function guestFields(a: Account, guest: Guest | undefined): Record<string, unknown> {
  if (!guest)
    return {
      userType: "Member",
      externalUserState: null,
      externalUserStateChangeDateTime: null,
      creationType: null,
      identities: [
        { signInType: "userPrincipalName", issuer: a.email.split("@")[1], issuerAssignedId: a.email },
      ],
    };
  return {
    userType: "Guest",
    externalUserState: guest.external_user_state,
    externalUserStateChangeDateTime: iso(guest.state_changed_at),
    creationType: "Invitation",
    identities: [
      {
        signInType: guest.redeemed_idp === "mail" ? "emailAddress" : "federated",
        issuer: guest.redeemed_idp === "mail" || !guest.redeemed_idp ? "ExternalAzureAD" : guest.redeemed_idp,
        issuerAssignedId: guest.email,
      },
    ],
  };
}

export function graphOrganization(
  tenant: Tenant,
  domains: readonly TenantDomain[],
  subscriptions: readonly SubscriptionView[],
  full: boolean,
): Record<string, unknown> {
  const verifiedDomains = domains
    .filter((d) => d.verified_at !== null)
    .map((d) => ({
      capabilities: "Email, OfficeCommunicationsOnline",
      isDefault: d.is_default === 1,
      isInitial: d.is_initial === 1,
      name: d.name,
      type: "Managed",
    }));
  // With User.Read only id, displayName and verifiedDomains are filled; the rest come back null.
  const when = <T>(value: T) => (full ? value : null);
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: when(tenant.country),
    countryLetterCode: when(tenant.country),
    createdDateTime: when(iso(tenant.created_at)),
    defaultUsageLocation: when(tenant.country),
    displayName: tenant.display_name,
    isMultipleDataLocationsForServicesEnabled: null,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    partnerTenantType: null,
    postalCode: null,
    preferredLanguage: when("fr"),
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: "AAD",
    directorySizeQuota: null,
    privacyProfile: null,
    assignedPlans: full
      ? subscriptions.flatMap((s) =>
          s.servicePlans.map((p) => ({
            assignedDateTime: null,
            capabilityStatus: s.status === "Enabled" ? "Enabled" : "Suspended",
            service: p.servicePlanName,
            servicePlanId: p.servicePlanId,
          })),
        )
      : [],
    provisionedPlans: [],
    verifiedDomains,
  };
}

export function graphSubscribedSku(tenant: Tenant, s: SubscriptionView): Record<string, unknown> {
  return {
    accountId: tenant.id,
    accountName: tenant.display_name,
    appliesTo: "User",
    capabilityStatus: s.status === "Enabled" ? "Enabled" : "Suspended",
    consumedUnits: s.assigned,
    id: `${tenant.id}_${s.skuId}`,
    prepaidUnits: { enabled: s.seats, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: s.servicePlans.map((p) => ({
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
      provisioningStatus: "Success",
      appliesTo: "User",
    })),
    skuId: s.skuId,
    skuPartNumber: s.skuPartNumber,
    subscriptionIds: [s.id],
  };
}

export function graphLicenseDetails(l: AssignedLicence): Record<string, unknown> {
  return {
    id: `${l.accountId}_${l.skuId}`,
    skuId: l.skuId,
    skuPartNumber: l.skuPartNumber,
    servicePlans: l.servicePlans.map((p) => ({
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
      provisioningStatus: "Success",
      appliesTo: "User",
    })),
  };
}
