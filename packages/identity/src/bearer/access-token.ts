import { createLocalJWKSet, type JWTPayload, jwtVerify } from "jose";
import type { Kysely } from "kysely";
import { publishedKeys } from "../keys/signing-keys";
import type { IdentityDB } from "../storage/schema";

/**
 * The resource server's check of an access token issued by this identity service: RS256 signature
 * by a published key (the JWKS), unexpired, one of `audiences`, and an issuer of this host for the
 * token's own `tid` (v1 or v2 form). Undefined when any check fails.
 */
export async function verifyAccessToken(
  db: Kysely<IdentityDB>,
  origin: string,
  token: string,
  audiences: readonly string[],
): Promise<JWTPayload | undefined> {
  const keys = (await publishedKeys(db)).map((k) => ({
    kty: "RSA",
    kid: k.kid,
    n: k.n,
    e: k.e,
    alg: "RS256",
  }));
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys }), {
      algorithms: ["RS256"],
      audience: [...audiences],
      clockTolerance: 60,
    });
    const tid = typeof payload.tid === "string" ? payload.tid : "";
    if (!tid || ![`${origin}/${tid}/`, `${origin}/${tid}/v2.0`].includes(String(payload.iss)))
      return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

export const bearerOf = (authorization: string | undefined): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
