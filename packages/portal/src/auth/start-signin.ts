import * as client from "openid-client";
import type { PortalContext } from "../context";
import type { Firm } from "../firms/firm-queries";
import type { SessionKind } from "./auth-tables";
import { oidcConfig } from "./oidc-config";

export const callbackUrl = (ctx: PortalContext): string => `${ctx.origin}/auth/callback`;

/**
 * Starts an authorization-code + PKCE sign-in: state, nonce and verifier are kept server-side
 * (single use) and the browser is sent to the authority. Staff use /organizations (work accounts
 * only), contacts /common (work or personal).
 */
export async function startSignIn(
  ctx: PortalContext,
  input: {
    kind: SessionKind;
    firm: Firm;
    invitationToken: string | null;
    returnTo: string;
    loginHint?: string;
  },
): Promise<string> {
  const config = await oidcConfig(ctx, input.kind === "staff" ? "organizations" : "common");
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  await ctx.db
    .insertInto("signin_request")
    .values({
      state,
      kind: input.kind,
      firm_id: input.firm.id,
      code_verifier: verifier,
      nonce,
      invitation_token: input.invitationToken,
      return_to: input.returnTo,
      created_at: Date.now(),
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
