import * as client from "openid-client";
import { oidcConfig } from "../identity-client/oidc-config";
import { callbackUrl } from "../identity-client/start-signin";
import type { PortalContext } from "../service/portal-context";
import type { Approval } from "./approval-queries";
import { findReauth, insertReauth, verifyReauth } from "./approval-queries";
import { REAUTH_START_TTL_MS, signedInAfter } from "./approval-rules";

/**
 * Sends the contact to identity for a fresh sign-in before a decision: authorization code + PKCE
 * with `prompt=login` and `max_age=0` (an existing session must not answer), the contact's address
 * as the hint. The attempt is kept server-side under its state, tied to this approval.
 */
export async function startApprovalReauth(
  ctx: PortalContext,
  approval: Approval,
  contact: { id: string; email: string },
): Promise<string> {
  const config = await oidcConfig(ctx, "common");
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  await insertReauth(ctx.db, {
    state,
    approval_id: approval.id,
    contact_id: contact.id,
    code_verifier: verifier,
    nonce,
    started_at: Date.now(),
    verified_at: null,
    auth_time: null,
    tid: null,
    oid: null,
    name: null,
    used_at: null,
  });
  return client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(ctx),
    response_type: "code",
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    prompt: "login",
    max_age: "0",
    login_hint: contact.email,
  }).href;
}

export type ReauthOutcome =
  | { kind: "verified"; approvalId: string }
  | {
      kind: "failed";
      approvalId: string;
      problem: "approval.reauth.stale" | "approval.reauth.wrongPerson" | "approval.reauth.expired";
    };

/**
 * The callback of a re-authentication (its state is in approval_reauth): the code is redeemed,
 * the ID token checked by openid-client (signature, issuer per tid, nonce), then its `auth_time`
 * must be after the start and its (tid, oid) the contact's own. Single use.
 */
export async function finishApprovalReauth(
  ctx: PortalContext,
  state: string,
  callback: URL,
  contact: (contactId: string) => Promise<{ tid: string | null; oid: string | null } | undefined>,
): Promise<ReauthOutcome | undefined> {
  const pending = await findReauth(ctx.db, state);
  if (!pending) return undefined;
  const approvalId = pending.approval_id;
  if (pending.verified_at !== null || pending.started_at < Date.now() - REAUTH_START_TTL_MS)
    return { kind: "failed", approvalId, problem: "approval.reauth.expired" };
  if (callback.searchParams.get("error"))
    return { kind: "failed", approvalId, problem: "approval.reauth.stale" };
  const config = await oidcConfig(ctx, "common");
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: pending.code_verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims || !signedInAfter(claims.auth_time, pending.started_at))
    return { kind: "failed", approvalId, problem: "approval.reauth.stale" };
  const who = await contact(pending.contact_id);
  const tid = typeof claims.tid === "string" ? claims.tid.toLowerCase() : "";
  if (!who || who.tid !== tid || who.oid !== claims.oid)
    return { kind: "failed", approvalId, problem: "approval.reauth.wrongPerson" };
  const verified = await verifyReauth(ctx.db, state, {
    at: Date.now(),
    authTime: claims.auth_time * 1000,
    tid,
    oid: String(claims.oid),
    name: typeof claims.name === "string" ? claims.name : "",
  });
  return verified
    ? { kind: "verified", approvalId }
    : { kind: "failed", approvalId, problem: "approval.reauth.expired" };
}
