import { ROLES, type RoleTemplateId } from "./role-catalogue";

/** Microsoft Graph's appId: its application permissions are the ones app admins may not grant. */
export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

export interface PermissionRequest {
  /** delegated: scopes (oauth2PermissionGrant); application: app roles (appRoleAssignment). */
  readonly kind: "delegated" | "application";
  /** appId of the API the permission belongs to. */
  readonly resourceAppId: string;
}

/**
 * Who may grant tenant-wide admin consent, following Microsoft's documentation:
 * https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent ("Prerequisites")
 * and the roles' descriptions in
 * https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 * - Privileged Role Administrator: any permission for any API.
 * - Application Administrator and Cloud Application Administrator: any permission for any API
 *   except Microsoft Graph application permissions (app roles).
 * - Global Administrator is not named on the page but holds every permission of the roles above.
 * - Every other role, and a user without role: no tenant-wide consent.
 */
export function mayGrantTenantWideConsent(roles: readonly string[], permission: PermissionRequest): boolean {
  const has = (id: RoleTemplateId) => roles.includes(id);
  if (has(ROLES.globalAdministrator) || has(ROLES.privilegedRoleAdministrator)) return true;
  if (has(ROLES.applicationAdministrator) || has(ROLES.cloudApplicationAdministrator)) {
    return !(
      permission.kind === "application" && permission.resourceAppId.toLowerCase() === MICROSOFT_GRAPH_APP_ID
    );
  }
  return false;
}
