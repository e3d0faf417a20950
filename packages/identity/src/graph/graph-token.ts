import type { Kysely } from "kysely";
import { bearerOf, verifyAccessToken } from "../bearer/access-token";
import type { IdentityDB } from "../storage/schema";
import { GraphError } from "./graph-error";

/** Microsoft Graph's appId and App ID URI: the audiences a Graph token may carry. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const GRAPH_AUDIENCES = [GRAPH_APP_ID, "https://graph.microsoft.com", "https://graph.microsoft.com/"];

/** Who calls Graph: a user through a client (scp) or a client alone (roles). */
export interface GraphCaller {
  readonly tenantId: string;
  readonly clientId: string;
  /** The signed-in user's object id; undefined for app-only tokens. */
  readonly userId: string | undefined;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
}

const invalid = (message: string) => new GraphError(401, "InvalidAuthenticationToken", message);

/**
 * Graph as a resource server: the bearer token must be signed by one of identity's published keys
 * (the JWKS), unexpired, issued for Graph by this identity service for its `tid`.
 */
export async function verifyGraphToken(
  db: Kysely<IdentityDB>,
  origin: string,
  authorization: string | undefined,
): Promise<GraphCaller> {
  const token = bearerOf(authorization);
  if (!token) throw invalid("Access token is empty.");
  const payload = await verifyAccessToken(db, origin, token, GRAPH_AUDIENCES);
  if (!payload) throw invalid("CompactToken parsing failed with error code: 80049217");
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ").filter(Boolean) : [];
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  const app = payload.idtyp === "app" || scopes.length === 0;
  return {
    tenantId: String(payload.tid),
    clientId: String(payload.appid ?? payload.azp ?? ""),
    userId: app ? undefined : String(payload.oid ?? ""),
    scopes,
    roles,
  };
}

/** Delegated calls need one of `scopes`; app-only calls one of `roles`; otherwise 403. */
export function requirePermission(
  caller: GraphCaller,
  needs: { delegated: readonly string[]; application: readonly string[] },
): void {
  const ok = caller.userId
    ? caller.scopes.some((s) => needs.delegated.includes(s))
    : caller.roles.some((r) => needs.application.includes(r));
  if (!ok)
    throw new GraphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
}
