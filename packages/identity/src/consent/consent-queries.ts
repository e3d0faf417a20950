import { randomUUID } from "node:crypto";
import { preparedPerDatabase } from "@sesame/kit/db/prepared-query";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { retryingConcurrentConsent, widenPermissionGrant } from "./permission-grant-writes";

type Db = Kysely<IdentityDB>;

type GrantKey = { clientAppId: string; resourceAppId: string; tenantId: string; principalId: string };

// Read at every authorize, code redemption and refresh (a withdrawn consent must stop the next
// one): compiled once per database instead of built by Kysely at each request (prepared-query.ts).
const grantScopes = preparedPerDatabase<IdentityDB, GrantKey, { scope: string }>((db, param) =>
  db
    .selectFrom("oauth2_permission_grant")
    .select("scope")
    .where("client_app_id", "=", param("clientAppId"))
    .where("resource_app_id", "=", param("resourceAppId"))
    .where("tenant_id", "=", param("tenantId"))
    .where((eb) =>
      eb.or([
        eb("consent_type", "=", "AllPrincipals"),
        eb.and([eb("consent_type", "=", "Principal"), eb("principal_id", "=", param("principalId"))]),
      ]),
    ),
);

/** Scope values (of one resource) granted to a client for a user: their own consent plus admin consent. */
export async function grantedScopes(db: Db, input: GrantKey): Promise<Set<string>> {
  const { rows } = await grantScopes(db, input);
  return new Set(rows.flatMap((r) => r.scope.split(" ").filter(Boolean)));
}

/** Records a user's consent; an existing grant is widened, never narrowed, even by parallel consents. */
export async function recordUserConsent(
  db: Db,
  input: {
    clientAppId: string;
    resourceAppId: string;
    tenantId: string;
    principalId: string;
    scopes: readonly string[];
  },
): Promise<void> {
  await retryingConcurrentConsent(db, (trx) => widenPermissionGrant(trx, input, input.scopes));
}

/** App roles (application permissions) an admin granted to a client in a tenant, by value. */
export async function grantedAppRoles(
  db: Db,
  input: { clientAppId: string; resourceAppId: string; tenantId: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom("app_role_assignment as a")
    .innerJoin("application as r", "r.app_id", "a.resource_app_id")
    .innerJoin("application_permission as p", (join) =>
      join.onRef("p.id", "=", "a.app_role_id").onRef("p.application_id", "=", "r.id"),
    )
    .select("p.value")
    .where("a.client_app_id", "=", input.clientAppId)
    .where("a.resource_app_id", "=", input.resourceAppId)
    .where("a.tenant_id", "=", input.tenantId)
    .execute();
  return rows.map((r) => r.value);
}

export async function assignAppRole(
  db: Db,
  input: { clientAppId: string; resourceAppId: string; tenantId: string; appRoleId: string },
): Promise<void> {
  await db
    .insertInto("app_role_assignment")
    .values({
      id: randomUUID(),
      client_app_id: input.clientAppId,
      tenant_id: input.tenantId,
      resource_app_id: input.resourceAppId,
      app_role_id: input.appRoleId,
      created_at: Date.now(),
    })
    .execute();
}

/** Whether an admin of the tenant consented to the client at all (delegated for everyone, or app roles). */
export async function tenantHoldsConsent(db: Db, clientAppId: string, tenantId: string): Promise<boolean> {
  const grant = await db
    .selectFrom("oauth2_permission_grant")
    .select("id")
    .where("client_app_id", "=", clientAppId)
    .where("tenant_id", "=", tenantId)
    .where("consent_type", "=", "AllPrincipals")
    .executeTakeFirst();
  if (grant) return true;
  const role = await db
    .selectFrom("app_role_assignment")
    .select("id")
    .where("client_app_id", "=", clientAppId)
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  return role !== undefined;
}
