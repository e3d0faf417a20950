import { type Authority, v1Issuer, v2Issuer } from "../protocol/authority";

const v2Claims = [
  "sub",
  "iss",
  "cloud_instance_name",
  "cloud_instance_host_name",
  "cloud_graph_host_name",
  "msgraph_host",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "acr",
  "nonce",
  "preferred_username",
  "name",
  "tid",
  "ver",
  "at_hash",
  "c_hash",
  "email",
];
const v1Claims = [
  "sub",
  "iss",
  "cloud_instance_name",
  "cloud_instance_host_name",
  "cloud_graph_host_name",
  "msgraph_host",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "acr",
  "amr",
  "nonce",
  "email",
  "given_name",
  "family_name",
  "nickname",
];

/**
 * The v2 discovery document, fields in Entra's order (docs/microsoft-behaviour.md#discovery). Two of Entra's fields are left
 * out because nothing here could answer them: `kerberos_endpoint` (no Kerberos realm) and v1's
 * `check_session_iframe` (every page forbids framing, and its session cookie is HttpOnly and
 * SameSite, so a session-check iframe could never read it). No Microsoft library reads either.
 */
export function v2Configuration(origin: string, a: Authority) {
  const base = `${origin}/${a.pathSegment}`;
  const host = new URL(origin).host;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: v2Issuer(origin, a.tenantId ?? "{tenantid}"),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: v2Claims,
    // PKCE S256 only (plain is refused); Entra does not advertise it, openid-client reads it.
    code_challenge_methods_supported: ["S256"],
    tenant_region_scope: a.tenantId && a.segment.kind === "tenant" ? "EU" : null,
    cloud_instance_name: host,
    cloud_graph_host_name: host,
    msgraph_host: host,
    rbac_url: origin,
  };
}

/** The v1 discovery document (docs/microsoft-behaviour.md#discovery): `/oauth2/…` endpoints, v1 issuer, common JWKS. */
export function v1Configuration(origin: string, a: Authority) {
  const base = `${origin}/${a.pathSegment}`;
  const host = new URL(origin).host;
  return {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${origin}/common/discovery/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "token id_token", "token"],
    scopes_supported: ["openid"],
    issuer: v1Issuer(origin, a.tenantId ?? "{tenantid}"),
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${base}/oauth2/authorize`,
    device_authorization_endpoint: `${base}/oauth2/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    claims_supported: v1Claims,
    userinfo_endpoint: `${base}/openid/userinfo`,
    tenant_region_scope: a.tenantId && a.segment.kind === "tenant" ? "EU" : null,
    cloud_instance_name: host,
    cloud_graph_host_name: host,
    msgraph_host: host,
    rbac_url: origin,
  };
}
