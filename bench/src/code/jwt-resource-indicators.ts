/**
 * oidc-provider's resource indicators configured as identity issues access tokens: one API (the
 * default resource when a request names none) whose access tokens are RS256 JWTs valid one hour.
 * The token bench's server writes the same block inline (bench/src/token/oidc-provider-server.ts):
 * it can use this one.
 */
export function jwtResourceIndicators(api: string, scope: string) {
  return {
    enabled: true,
    defaultResource: () => api,
    useGrantedResource: () => true,
    getResourceServerInfo: () => ({
      scope,
      audience: api,
      accessTokenTTL: 3600,
      accessTokenFormat: "jwt",
      jwt: { sign: { alg: "RS256" } },
    }),
  };
}
