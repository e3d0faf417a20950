import { ROLES, type RoleTemplateId } from "./role-catalogue";

/** The admin centre's areas; each page and action belongs to one. */
export type AdminArea = "users" | "roles" | "domains" | "licences" | "applications" | "settings" | "logs";

const { globalAdministrator, privilegedRoleAdministrator, applicationAdministrator, userAdministrator } =
  ROLES;

/**
 * Who may change what, after Microsoft's role descriptions (permissions-reference): User
 * Administrators manage users and their licences; Privileged Role Administrators manage role
 * assignments and consent settings; Application and Cloud Application Administrators manage
 * enterprise applications; Global Readers read everything; Global Administrators do everything.
 */
const writers: Record<AdminArea, readonly RoleTemplateId[]> = {
  users: [globalAdministrator, userAdministrator],
  roles: [globalAdministrator, privilegedRoleAdministrator],
  domains: [globalAdministrator],
  licences: [globalAdministrator, userAdministrator],
  applications: [globalAdministrator, applicationAdministrator, ROLES.cloudApplicationAdministrator],
  settings: [globalAdministrator, privilegedRoleAdministrator],
  logs: [],
};

/** Any directory role opens the admin centre (read access to every area). */
export function mayOpenAdminCentre(roles: readonly string[]): boolean {
  return roles.length > 0;
}

export function mayChange(roles: readonly string[], area: AdminArea): boolean {
  return writers[area].some((role) => roles.includes(role));
}

/** Roles a User Administrator may still manage (Microsoft's "who can reset passwords" table). */
const limitedAdminRoles: readonly string[] = [userAdministrator, ROLES.globalReader, ROLES.guestInviter];

/**
 * A User Administrator may reset the password of, disable or delete users without role or with a
 * limited admin role only; privileged admins are managed by a Global Administrator.
 */
export function mayManageAccount(actorRoles: readonly string[], targetRoles: readonly string[]): boolean {
  if (actorRoles.includes(globalAdministrator)) return true;
  return actorRoles.includes(userAdministrator) && targetRoles.every((r) => limitedAdminRoles.includes(r));
}
