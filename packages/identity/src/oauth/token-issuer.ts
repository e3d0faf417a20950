import type { GroupedTransaction } from "@sesame/kit/db/commit-group";
import type { Kysely } from "kysely";
import { GRAPH_APP_ID } from "../apps/graph-app";
import type { IdentityContext } from "../context";
import type { TokenSigner } from "../keys/token-signer";
import { AadstsError } from "../protocol/aadsts";
import type { IdentityDB } from "../storage/schema";
import type { AuthenticatedClient } from "./client-auth";
import type { HotCache } from "./hot-cache";
import { type NewRefreshToken, newRefreshTokenValue } from "./refresh-tokens";
import { OIDC_SCOPES, responseScope } from "./scopes";
import {
  ACCESS_TOKEN_SECONDS,
  type ApiVersion,
  clientInfo,
  idTokenClaims,
  pairwiseSub,
  type UserFacts,
  userAccessClaims,
} from "./token-claims";
import { enabledAccount, factorMissing, readUserTokenFacts } from "./user-token-facts";

/** What the token endpoints need besides the request. */
export interface OauthDeps {
  readonly ctx: IdentityContext;
  readonly signer: TokenSigner;
  /** HMAC key of pairwise `sub` values. */
  readonly subKey: Buffer;
  /** HMAC key deriving a refresh token's successor from its value (see refresh-tokens.ts). */
  readonly refreshKey: Buffer;
  readonly cache: HotCache;
  /** Codes issued and redeemed, refresh tokens rotated: on SQLite, those of one turn share a commit. */
  readonly grouped: GroupedTransaction<IdentityDB>;
}

/** The user an account's tokens are for; a deleted or disabled account's grants no longer work. */
export async function userFacts(db: Kysely<IdentityDB>, accountId: string): Promise<UserFacts> {
  return enabledAccount(await readUserTokenFacts(db, accountId, null)).user;
}

/** A grant the user holds: scopes (OIDC names and API values, space-separated) on one API. */
export interface UserGrant {
  readonly version: ApiVersion;
  readonly accountId: string;
  readonly sessionId: string;
  readonly authTime: number;
  readonly scope: string;
  readonly resourceAppId: string;
  readonly resourceRequested: string;
  readonly nonce: string | null;
}

/** The refresh token a response carries: the caller stores `row` with the grant's own write. */
export interface IssuedRefreshToken {
  readonly value: string;
  readonly row: NewRefreshToken;
}

/**
 * Access token, ID token (openid), refresh token (offline_access, v1 always) and client_info. Writes
 * nothing: the grant stores the refresh token in the same transaction that consumes what it redeems.
 * `refreshToken` is the value to hand out (a rotation's successor); a new one otherwise. `spaUntil`:
 * a single-page app's refresh token, ending then (told to the client as `refresh_token_expires_in`).
 */
export async function issueUserTokens(
  deps: OauthDeps,
  input: {
    grant: UserGrant;
    client: AuthenticatedClient;
    wantsClientInfo: boolean;
    refreshToken?: string;
    spaUntil?: number;
  },
): Promise<{ body: Record<string, unknown>; refresh: IssuedRefreshToken | undefined }> {
  const { grant, client } = input;
  const { ctx, signer } = deps;
  // The account, its guest row, its factors and the session's amr: one statement, read every time.
  const facts = enabledAccount(await readUserTokenFacts(ctx.db, grant.accountId, grant.sessionId));
  const { user, amr } = facts;
  // A grant from a sign-in without the second factor the account now needs: MSAL asks the user again.
  if (factorMissing(facts, amr)) {
    throw new AadstsError(50076, { resource: grant.resourceRequested });
  }
  const all = grant.scope.split(" ").filter(Boolean);
  const oidc = all.filter((s) => OIDC_SCOPES.has(s));
  const values = all.filter((s) => !OIDC_SCOPES.has(s));
  const v1 = grant.version === "1";
  // Both signatures go to the thread pool at once: one wait instead of two in a row.
  const [accessToken, idToken] = await Promise.all([
    signer.sign(
      userAccessClaims({
        version: grant.version,
        origin: ctx.origin,
        user,
        clientId: client.app.app_id,
        clientAuth: client.level,
        resourceAppId: grant.resourceAppId,
        resourceRequested: grant.resourceRequested,
        // Graph tokens carry the OIDC permissions too (they are Graph's): "User.Read openid profile email".
        scp: (grant.resourceAppId === GRAPH_APP_ID
          ? [...values, ...oidc.filter((o) => o !== "offline_access")]
          : values
        ).join(" "),
        sid: grant.sessionId,
        sub: pairwiseSub(deps.subKey, user.oid, grant.resourceAppId),
        amr,
      }),
      { x5t: v1 },
    ),
    oidc.includes("openid") || v1
      ? signer.sign(
          idTokenClaims({
            version: grant.version,
            origin: ctx.origin,
            user,
            clientId: client.app.app_id,
            sub: pairwiseSub(deps.subKey, user.oid, client.app.app_id),
            sid: grant.sessionId,
            authTime: grant.authTime,
            nonce: grant.nonce,
            scopes: oidc,
            amr,
          }),
          { x5t: v1 },
        )
      : undefined,
  ]);
  const refresh: IssuedRefreshToken | undefined =
    oidc.includes("offline_access") || v1
      ? {
          value: input.refreshToken ?? newRefreshTokenValue(),
          row: {
            client_id: client.app.app_id,
            account_id: user.oid,
            tenant_id: user.tid,
            session_id: grant.sessionId,
            scope: grant.scope,
            resource_app_id: grant.resourceAppId,
            resource_requested: grant.resourceRequested,
            api_version: grant.version,
            auth_time: grant.authTime,
            public_client: client.level === "0" ? 1 : 0,
            spa: input.spaUntil === undefined ? 0 : 1,
          },
        }
      : undefined;
  const scope = v1
    ? values.join(" ") || "user_impersonation"
    : responseScope(values, grant.resourceRequested, oidc);
  const now = Math.floor(Date.now() / 1000);
  const body: Record<string, unknown> = v1
    ? {
        token_type: "Bearer",
        scope,
        expires_in: String(ACCESS_TOKEN_SECONDS),
        ext_expires_in: String(ACCESS_TOKEN_SECONDS),
        expires_on: String(now + ACCESS_TOKEN_SECONDS),
        not_before: String(now),
        resource: grant.resourceRequested,
        access_token: accessToken,
      }
    : {
        token_type: "Bearer",
        scope,
        expires_in: ACCESS_TOKEN_SECONDS,
        ext_expires_in: ACCESS_TOKEN_SECONDS,
        access_token: accessToken,
      };
  if (refresh) body.refresh_token = refresh.value;
  if (refresh && input.spaUntil !== undefined)
    body.refresh_token_expires_in = Math.max(0, Math.floor((input.spaUntil - Date.now()) / 1000));
  if (idToken) body.id_token = idToken;
  if (input.wantsClientInfo) body.client_info = clientInfo(user);
  return { body, refresh };
}
