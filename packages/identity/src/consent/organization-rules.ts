import { mayGrantTenantWideConsent } from "../roles/consent-rights";

interface AppRole {
  readonly resourceAppId: string;
}

/**
 * What an admin with these directory roles may grant for the whole organization (pure; rights per
 * roles/consent-rights.ts): the delegated permissions of each API, and which app roles.
 * `complete` is false when some app role is beyond the admin's rights (Graph app roles for an
 * Application Administrator): the /adminconsent endpoints then refuse, the consent page grants the rest.
 */
export function organizationRights<R extends AppRole>(
  roles: readonly string[],
  wanted: { readonly delegatedResources: readonly string[]; readonly appRoles: readonly R[] },
): { readonly mayGrant: boolean; readonly appRoles: R[]; readonly complete: boolean } {
  const mayGrant =
    wanted.delegatedResources.every((resourceAppId) =>
      mayGrantTenantWideConsent(roles, { kind: "delegated", resourceAppId }),
    ) &&
    (wanted.delegatedResources.length > 0 ||
      mayGrantTenantWideConsent(roles, { kind: "delegated", resourceAppId: "" }));
  if (!mayGrant) return { mayGrant, appRoles: [], complete: false };
  const appRoles = wanted.appRoles.filter((r) =>
    mayGrantTenantWideConsent(roles, { kind: "application", resourceAppId: r.resourceAppId }),
  );
  return { mayGrant, appRoles, complete: appRoles.length === wanted.appRoles.length };
}
