import type { Kysely } from "kysely";
import * as client from "openid-client";
import type { SessionKind } from "../storage/auth-tables";
import type { PortalDB } from "../storage/schema";
import { type AuthorityClient, oidcConfig, tenantOidcConfig } from "./oidc-config";

/** What starting a sign-in needs: the authority, where to come back, where to keep the attempt. */
export interface SignInClient extends AuthorityClient {
  readonly origin: string;
  readonly db: Kysely<PortalDB>;
}

export const callbackUrl = (ctx: SignInClient): string => `${ctx.origin}/auth/callback`;

/**
 * Starts an authorization-code + PKCE sign-in: state, nonce and verifier are kept server-side
 * (single use) and the browser is sent to the authority. Staff use /organizations (work accounts
 * only), contacts /common (work or personal).
 */
export async function startSignIn(
  ctx: SignInClient,
  input: {
    kind: SessionKind;
    firmId: string;
    invitationToken: string | null;
    returnTo: string;
    loginHint?: string;
    /** A tenant GUID to sign in at (a guest of the firm's tenant) instead of /common or /organizations. */
    tenant?: string;
  },
): Promise<string> {
  const config = input.tenant
    ? await tenantOidcConfig(ctx, input.tenant)
    : await oidcConfig(ctx, input.kind === "staff" ? "organizations" : "common");
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  await ctx.db
    .insertInto("signin_request")
    .values({
      state,
      kind: input.kind,
      firm_id: input.firmId,
      code_verifier: verifier,
      nonce,
      invitation_token: input.invitationToken,
      return_to: input.returnTo,
      created_at: Date.now(),
      tenant: input.tenant ?? null,
    })
    .execute();
  const parameters: Record<string, string> = {
    redirect_uri: callbackUrl(ctx),
    response_type: "code",
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  };
  if (input.loginHint) parameters.login_hint = input.loginHint;
  return client.buildAuthorizationUrl(config, parameters).href;
}
