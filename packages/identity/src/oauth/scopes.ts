import type { Kysely } from "kysely";
import { type Application, exposedPermissions, findResourceApplication } from "../apps/app-queries";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../apps/graph-app";
import { AadstsError } from "../protocol/aadsts";
import type { IdentityDB } from "../storage/schema";

export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

/** What a v2 `scope` (or v1 `resource`) asks for: OIDC scopes plus scope values of one API. */
export interface ScopeRequest {
  readonly oidc: readonly string[];
  readonly resource: Application;
  /** The API as the client named it (App ID URI or client id); Graph when unnamed. */
  readonly resourceRequested: string;
  /** Scope values of the API (`User.Read`), or [".default"]. */
  readonly values: readonly string[];
}

/** Splits `openid https://graph.microsoft.com/User.Read api://x/.default` by API; one API per request. */
export function splitScope(raw: string): { oidc: string[]; prefix: string | undefined; values: string[] } {
  const oidc: string[] = [];
  const values: string[] = [];
  let prefix: string | undefined;
  for (const item of raw.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(item)) {
      if (!oidc.includes(item)) oidc.push(item);
      continue;
    }
    const slash = item.lastIndexOf("/");
    const [p, v] = slash > 0 ? [item.slice(0, slash), item.slice(slash + 1)] : [GRAPH_RESOURCE, item];
    const normalized = p === GRAPH_APP_ID ? GRAPH_RESOURCE : p;
    if (prefix !== undefined && prefix !== normalized) throw new AadstsError(70011, { scope: raw });
    prefix = normalized;
    if (!v) throw new AadstsError(70011, { scope: item });
    if (!values.includes(v)) values.push(v);
  }
  return { oidc, prefix, values };
}

export async function resolveScopeRequest(
  db: Kysely<IdentityDB>,
  raw: string,
  tenant: string,
): Promise<ScopeRequest> {
  const { oidc, prefix, values } = splitScope(raw);
  const resourceRequested = prefix ?? GRAPH_RESOURCE;
  return resolveResource(db, { oidc, resourceRequested, values, tenant, raw });
}

/** v1: `resource` names the API; delegated permissions are whatever the client was granted. */
export function resolveV1Resource(
  db: Kysely<IdentityDB>,
  resource: string,
  tenant: string,
): Promise<ScopeRequest> {
  return resolveResource(db, {
    oidc: ["openid"],
    resourceRequested: resource,
    values: [".default"],
    tenant,
    raw: resource,
  });
}

async function resolveResource(
  db: Kysely<IdentityDB>,
  input: { oidc: string[]; resourceRequested: string; values: string[]; tenant: string; raw: string },
): Promise<ScopeRequest> {
  const resource = await findResourceApplication(db, input.resourceRequested);
  if (!resource) throw new AadstsError(500011, { resource: input.resourceRequested, tenant: input.tenant });
  if (input.values.includes(".default")) {
    if (input.values.length > 1) throw new AadstsError(70011, { scope: input.raw });
  } else if (input.values.length > 0) {
    const exposed = new Set(
      (await exposedPermissions(db, resource.id)).filter((p) => p.kind === "scope").map((p) => p.value),
    );
    const unknown = input.values.find((v) => !exposed.has(v));
    if (unknown) throw new AadstsError(70011, { scope: input.raw });
  }
  return { oidc: input.oidc, resource, resourceRequested: input.resourceRequested, values: input.values };
}

/** The `scope` of a response: API values as the client named them (Graph's unprefixed), then OIDC ones. */
export function responseScope(
  values: readonly string[],
  resourceRequested: string,
  oidc: readonly string[],
): string {
  const api = values.map((v) => (resourceRequested === GRAPH_RESOURCE ? v : `${resourceRequested}/${v}`));
  return [...api, ...oidc.filter((s) => s !== "offline_access")].join(" ");
}
