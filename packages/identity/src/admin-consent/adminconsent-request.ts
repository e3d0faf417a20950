import type { Kysely } from "kysely";
import { type Application, requiredPermissions } from "../apps/app-queries";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../apps/graph-app";
import { OIDC_SCOPES, resolveScopeRequest } from "../oauth/scopes";
import type { IdentityDB } from "../storage/schema";

/** What an /adminconsent request asks to grant, before any admin's rights are considered. */
export interface AdminConsentRequest {
  readonly delegated: { resourceAppId: string; scopes: string[] }[];
  /** APIs whose application permissions (declared by the app) are requested. */
  readonly roleResources: string[];
  /** v2's `scope=` answer: the granted permissions as full URIs. */
  readonly scopeAnswer: string;
}

/**
 * v1 (`scope` absent): every permission the app registration declares. v2: `/.default` = what the
 * app declares for that API (delegated and application); named scopes = those delegated ones only.
 * Sign-in scopes (openid, profile, email, offline_access) belong to Graph and are always included.
 */
export async function adminConsentRequest(
  db: Kysely<IdentityDB>,
  app: Application,
  scope: string | undefined,
  tenant: string,
): Promise<AdminConsentRequest> {
  const declared = await requiredPermissions(db, app.id);
  const byResource = new Map<string, Set<string>>([[GRAPH_APP_ID, new Set(OIDC_SCOPES)]]);
  const add = (resourceAppId: string, values: Iterable<string>) => {
    const set = byResource.get(resourceAppId) ?? new Set<string>();
    for (const v of values) set.add(v);
    byResource.set(resourceAppId, set);
  };
  let roleResources: string[];
  let answer: string[] = [];
  if (scope === undefined) {
    for (const p of declared) if (p.kind === "scope") add(p.resource_app_id, [p.value]);
    roleResources = [...new Set(declared.filter((p) => p.kind === "role").map((p) => p.resource_app_id))];
  } else {
    const request = await resolveScopeRequest(db, scope, tenant);
    const resourceAppId = request.resource.app_id;
    const prefix = request.resource.app_id === GRAPH_APP_ID ? GRAPH_RESOURCE : request.resourceRequested;
    const values = request.values.includes(".default")
      ? declared.filter((p) => p.resource_app_id === resourceAppId).map((p) => p.value)
      : [...request.values];
    add(
      resourceAppId,
      request.values.includes(".default")
        ? declared
            .filter((p) => p.resource_app_id === resourceAppId && p.kind === "scope")
            .map((p) => p.value)
        : values,
    );
    add(GRAPH_APP_ID, request.oidc);
    roleResources = request.values.includes(".default") ? [resourceAppId] : [];
    answer = values.filter((v) => !OIDC_SCOPES.has(v)).map((v) => `${prefix}/${v}`);
  }
  return {
    delegated: [...byResource].map(([resourceAppId, s]) => ({ resourceAppId, scopes: [...s] })),
    roleResources,
    scopeAnswer: answer.join(" "),
  };
}
