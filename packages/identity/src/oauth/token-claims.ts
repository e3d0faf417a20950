import { createHmac, randomUUID } from "node:crypto";
import { v1Issuer, v2Issuer } from "../protocol/authority";

export const ACCESS_TOKEN_SECONDS = 3599;
export const ID_TOKEN_SECONDS = 3600;

export type ApiVersion = "1" | "2";
/** appidacr / azpacr: "0" public client, "1" secret, "2" certificate. */
export type ClientAuthLevel = "0" | "1" | "2";

export interface UserFacts {
  readonly oid: string;
  readonly tid: string;
  readonly email: string;
  readonly name: string;
  readonly kind: "personal" | "work";
  /** A B2B guest of `tid`: its invited address and the `idp` it redeemed with. */
  readonly guest?: { readonly mail: string; readonly idp: string } | undefined;
}

/** Guests' tokens say so: `acct` 1 and the identity provider they redeemed with. */
const guestClaims = (user: UserFacts) => (user.guest ? { acct: 1, idp: user.guest.idp } : {});

/** Microsoft's `sub` is pairwise: the same user has a different, stable `sub` in each application. */
export function pairwiseSub(key: Buffer, oid: string, appId: string): string {
  return createHmac("sha256", key).update(`${oid}\n${appId}`).digest("base64url");
}

/** `uti`: a unique token id, 22 base64url characters as at Entra (randomUUID draws from a cached pool). */
export const newUti = (): string => Buffer.from(randomUUID().replace(/-/g, ""), "hex").toString("base64url");

function times(lifetime: number) {
  const iat = Math.floor(Date.now() / 1000);
  return { iat, nbf: iat, exp: iat + lifetime };
}

const issuer = (v: ApiVersion, origin: string, tid: string) =>
  v === "1" ? v1Issuer(origin, tid) : v2Issuer(origin, tid);

/** Delegated access token (docs/microsoft-behaviour.md#tokens): v1 `aud` as requested + appid; v2 `aud` = API client id + azp. */
export function userAccessClaims(input: {
  version: ApiVersion;
  origin: string;
  user: UserFacts;
  clientId: string;
  clientAuth: ClientAuthLevel;
  resourceAppId: string;
  resourceRequested: string;
  scp: string;
  sid: string;
  sub: string;
  /** How the session signed in: v1 tokens carry it (v2 tokens have no `amr` at Microsoft). */
  amr?: readonly string[];
}) {
  const { version: v, user } = input;
  const common = {
    iss: issuer(v, input.origin, user.tid),
    ...times(ACCESS_TOKEN_SECONDS),
    name: user.name,
    oid: user.oid,
    scp: input.scp,
    sid: input.sid,
    sub: input.sub,
    tid: user.tid,
    uti: newUti(),
    ...guestClaims(user),
  };
  if (v === "1") {
    return {
      aud: input.resourceRequested,
      ...common,
      acr: "1",
      amr: [...(input.amr ?? ["pwd"])],
      appid: input.clientId,
      appidacr: input.clientAuth,
      unique_name: user.email,
      ...(user.kind === "work" ? { upn: user.email } : {}),
      ver: "1.0",
    };
  }
  return {
    aud: input.resourceAppId,
    ...common,
    azp: input.clientId,
    azpacr: input.clientAuth,
    preferred_username: user.email,
    ver: "2.0",
  };
}

/** App-only token (client credentials): `roles`, `idtyp: "app"`, the service principal as oid/sub. */
export function appAccessClaims(input: {
  version: ApiVersion;
  origin: string;
  tid: string;
  clientId: string;
  clientObjectId: string;
  clientAuth: ClientAuthLevel;
  resourceAppId: string;
  resourceRequested: string;
  roles: readonly string[];
}): Record<string, unknown> {
  // Built by assignment, not by spreading objects of varying shape into one another: the spreads
  // took V8's slow path and cost ten times the rest of the token's claims (bench, item 14).
  const v1 = input.version === "1";
  const iat = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    aud: v1 ? input.resourceRequested : input.resourceAppId,
    iss: issuer(input.version, input.origin, input.tid),
    iat,
    nbf: iat,
    exp: iat + ACCESS_TOKEN_SECONDS,
    idtyp: "app",
    oid: input.clientObjectId,
  };
  if (input.roles.length) claims.roles = input.roles;
  claims.sub = input.clientObjectId;
  claims.tid = input.tid;
  claims.uti = newUti();
  claims[v1 ? "appid" : "azp"] = input.clientId;
  claims[v1 ? "appidacr" : "azpacr"] = input.clientAuth;
  claims.ver = v1 ? "1.0" : "2.0";
  return claims;
}

export function idTokenClaims(input: {
  version: ApiVersion;
  origin: string;
  user: UserFacts;
  clientId: string;
  sub: string;
  sid: string;
  authTime: number;
  nonce: string | null;
  scopes: readonly string[];
  /** v1 ID tokens carry it; v2 ID tokens have neither `amr` nor `acr` at Microsoft. */
  amr?: readonly string[];
}) {
  const { user } = input;
  const email = user.guest
    ? { email: user.guest.mail }
    : input.scopes.includes("email")
      ? { email: user.email }
      : {};
  const base = {
    aud: input.clientId,
    iss: issuer(input.version, input.origin, user.tid),
    ...times(ID_TOKEN_SECONDS),
    auth_time: Math.floor(input.authTime / 1000),
    ...(input.nonce ? { nonce: input.nonce } : {}),
    name: user.name,
    oid: user.oid,
    sid: input.sid,
    sub: input.sub,
    tid: user.tid,
    uti: newUti(),
    ...email,
    ...guestClaims(user),
  };
  return input.version === "1"
    ? {
        ...base,
        amr: [...(input.amr ?? ["pwd"])],
        unique_name: user.email,
        ...(user.kind === "work" ? { upn: user.email } : {}),
        ver: "1.0",
      }
    : { ...base, preferred_username: user.email, ver: "2.0" };
}

/** MSAL's `client_info`: base64url of {"uid","utid"} (home account id = uid.utid). */
export const clientInfo = (user: UserFacts): string =>
  Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tid })).toString("base64url");
