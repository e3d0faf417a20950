/**
 * Directory roles with Microsoft's role template ids (learn.microsoft.com/entra/identity/
 * role-based-access-control/permissions-reference). The ids go into access tokens as `wids`.
 */
export const ROLES = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  applicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  cloudApplicationAdministrator: "158c047a-c907-4556-b7ef-446551a6b5f7",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  guestInviter: "95e79109-95c0-4d8e-aee3-d01accf2d47b",
} as const;

export type RoleKey = keyof typeof ROLES;
export type RoleTemplateId = (typeof ROLES)[RoleKey];

export interface RoleDefinition {
  readonly key: RoleKey;
  readonly id: RoleTemplateId;
  /** Microsoft's English display name (Graph directoryRole.displayName). */
  readonly displayName: string;
}

export const roleCatalogue: readonly RoleDefinition[] = [
  { key: "globalAdministrator", id: ROLES.globalAdministrator, displayName: "Global Administrator" },
  {
    key: "privilegedRoleAdministrator",
    id: ROLES.privilegedRoleAdministrator,
    displayName: "Privileged Role Administrator",
  },
  {
    key: "applicationAdministrator",
    id: ROLES.applicationAdministrator,
    displayName: "Application Administrator",
  },
  {
    key: "cloudApplicationAdministrator",
    id: ROLES.cloudApplicationAdministrator,
    displayName: "Cloud Application Administrator",
  },
  { key: "userAdministrator", id: ROLES.userAdministrator, displayName: "User Administrator" },
  { key: "globalReader", id: ROLES.globalReader, displayName: "Global Reader" },
  { key: "guestInviter", id: ROLES.guestInviter, displayName: "Guest Inviter" },
];

/** A role named by its key, template id or English display name (CLI, Graph), case-insensitive. */
export function findRole(name: string): RoleDefinition | undefined {
  const id = name.trim().toLowerCase();
  const wanted = id.replace(/[\s_-]/g, "");
  return roleCatalogue.find(
    (r) =>
      r.id === id ||
      r.key.toLowerCase() === wanted ||
      r.displayName.toLowerCase().replace(/\s/g, "") === wanted,
  );
}
