import type { ServerResponse } from "node:http";
import { type FloorClient, sendJson } from "./floor-http";
import {
  appRoles,
  GRAPH_APP_ID,
  GRAPH_SCOPE,
  lifetime,
  servicePrincipal,
  tenantId,
  uti,
} from "./floor-identity";
import { signJwt } from "./jws";

/**
 * client_credentials for Microsoft Graph: the client authenticated, its app roles (held in memory:
 * identity reads them per request), one signed app-only token of identity's v2 shape.
 */
export async function clientCredentials(
  form: URLSearchParams,
  client: FloorClient,
  issuer: string,
  response: ServerResponse,
): Promise<void> {
  if (!client.authenticates(form)) return sendJson(response, 401, { error: "invalid_client" });
  if (form.get("scope") !== GRAPH_SCOPE) return sendJson(response, 400, { error: "invalid_scope" });
  const accessToken = await signJwt({
    aud: GRAPH_APP_ID,
    iss: issuer,
    ...lifetime(),
    idtyp: "app",
    oid: servicePrincipal,
    roles: appRoles,
    sub: servicePrincipal,
    tid: tenantId,
    uti: uti(),
    azp: client.id,
    azpacr: "1",
    ver: "2.0",
  });
  sendJson(response, 200, {
    token_type: "Bearer",
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: accessToken,
  });
}
