import type { Kysely } from "kysely";
import { type Application, requiredPermissions } from "../apps/app-queries";
import { rolesOf } from "../roles/role-queries";
import type { IdentityDB } from "../storage/schema";
import { findTenant } from "../tenants/tenant-queries";
import { organizationRights } from "./organization-rules";
import type { TenantWideGrant } from "./tenant-wide-grant";

/** Tenant-wide consent a signed-in admin may give: what would be granted, and for which organization. */
export interface OrganizationOffer {
  readonly grant: TenantWideGrant;
  readonly tenantName: string;
  /** False when some application permission of the app is beyond this admin's rights. */
  readonly complete: boolean;
}

/**
 * The organization consent a work account may give to `app` in its tenant: the delegated `scopes`
 * per API, plus the application permissions (app roles) the app registration declares, limited to
 * `roleResources` when given. Undefined when the account may not consent for the organization.
 */
export async function organizationOffer(
  db: Kysely<IdentityDB>,
  input: {
    app: Application;
    user: { oid: string; tid: string; kind: string };
    delegated: readonly { resourceAppId: string; scopes: readonly string[] }[];
    roleResources?: readonly string[];
  },
): Promise<OrganizationOffer | undefined> {
  if (input.user.kind !== "work") return undefined;
  const roles = await rolesOf(db, input.user.oid);
  if (roles.length === 0) return undefined;
  const declared = (await requiredPermissions(db, input.app.id))
    .filter((p) => p.kind === "role")
    .filter((p) => !input.roleResources || input.roleResources.includes(p.resource_app_id))
    .map((p) => ({ resourceAppId: p.resource_app_id, appRoleId: p.id, value: p.value }));
  const rights = organizationRights(roles, {
    delegatedResources: input.delegated.map((d) => d.resourceAppId),
    appRoles: declared,
  });
  if (!rights.mayGrant) return undefined;
  const tenant = await findTenant(db, input.user.tid);
  return {
    grant: {
      tenantId: input.user.tid,
      client: { appId: input.app.app_id, displayName: input.app.display_name },
      delegated: input.delegated,
      appRoles: rights.appRoles,
    },
    tenantName: tenant?.display_name ?? input.user.tid,
    complete: rights.complete,
  };
}
