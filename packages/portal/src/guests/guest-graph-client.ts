import type { Locale } from "@sesame/kit/i18n/i18n";
import { z } from "zod";
import type { PortalContext } from "../service/portal-context";

/**
 * The portal's Graph calls on the firm's own tenant, with its client-credentials token: the same
 * requests go to the built-in identity (which serves Graph at its origin) or to Microsoft Graph.
 */
const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
/** Application permissions that let an app call POST /invitations (Microsoft's list). */
const INVITE_ROLES = ["User.Invite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"];

export function graphRoot(authority: string): string {
  return new URL(authority).hostname.toLowerCase() === "login.microsoftonline.com"
    ? "https://graph.microsoft.com/v1.0"
    : `${authority}/v1.0`;
}

/** Whether the firm's admin granted the application `User.Invite.All` in the firm's tenant. */
export type InvitePermission = "granted" | "missing" | "unknown";

export type GuestInvitationResult =
  | { readonly ok: true; readonly tenantId: string; readonly objectId: string; readonly redeemUrl: string }
  | {
      readonly ok: false;
      readonly reason: "permission" | "refused" | "unavailable";
      readonly detail: string;
    };

interface AppToken {
  readonly token: string;
  readonly tid: string;
  readonly roles: readonly string[];
}

/** The claims of our own token, read (not verified: it came straight from the authority over TLS). */
function claimsOf(token: string): { tid?: unknown; roles?: unknown } {
  try {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
  } catch {
    return {};
  }
}

async function appToken(ctx: PortalContext): Promise<AppToken | { error: string; noGrant: boolean }> {
  const response = await ctx.fetch(
    `${ctx.authority}/${encodeURIComponent(ctx.config.SESAME_FIRM_TENANT)}/oauth2/v2.0/token`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: ctx.config.SESAME_CLIENT_ID,
        client_secret: ctx.config.SESAME_CLIENT_SECRET,
        scope: GRAPH_SCOPE,
      }).toString(),
      signal: AbortSignal.timeout(10_000),
    },
  );
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== "string") {
    const description = String(body.error_description ?? body.error ?? `HTTP ${response.status}`);
    // No service principal or no consent in the tenant: the permission is not granted there.
    return { error: description.slice(0, 300), noGrant: response.status === 400 || response.status === 401 };
  }
  const claims = claimsOf(body.access_token);
  return {
    token: body.access_token,
    tid: typeof claims.tid === "string" ? claims.tid.toLowerCase() : "",
    roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [],
  };
}

const mayInvite = (roles: readonly string[]) => roles.some((r) => INVITE_ROLES.includes(r));

/** What the settings page says: the token's roles, as the firm's tenant granted them. */
export async function invitePermission(ctx: PortalContext): Promise<InvitePermission> {
  try {
    const token = await appToken(ctx);
    if ("error" in token) return token.noGrant ? "missing" : "unknown";
    return mayInvite(token.roles) ? "granted" : "missing";
  } catch {
    return "unknown";
  }
}

const invitationAnswer = z.object({
  inviteRedeemUrl: z.string().url(),
  invitedUser: z.object({ id: z.string().min(1) }),
});

/** Graph `POST /invitations` with `sendInvitationMessage: false`: the portal mails the link itself. */
export async function inviteThroughGraph(
  ctx: PortalContext,
  input: { email: string; displayName: string; redirectUrl: string; locale: Locale },
): Promise<GuestInvitationResult> {
  try {
    const token = await appToken(ctx);
    if ("error" in token)
      return { ok: false, reason: token.noGrant ? "permission" : "unavailable", detail: token.error };
    if (!mayInvite(token.roles))
      return { ok: false, reason: "permission", detail: "the token carries no User.Invite.All role" };
    const response = await ctx.fetch(`${graphRoot(ctx.authority)}/invitations`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token.token}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({
        invitedUserEmailAddress: input.email,
        invitedUserDisplayName: input.displayName,
        inviteRedirectUrl: input.redirectUrl,
        sendInvitationMessage: false,
        invitedUserMessageInfo: { messageLanguage: input.locale === "fr" ? "fr-FR" : "en-US" },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const error = (body.error ?? {}) as { code?: unknown; message?: unknown };
      const detail = `${String(error.code ?? response.status)}: ${String(error.message ?? "")}`.slice(0, 300);
      if (response.status === 401 || response.status === 403)
        return { ok: false, reason: "permission", detail };
      return { ok: false, reason: response.status >= 500 ? "unavailable" : "refused", detail };
    }
    const parsed = invitationAnswer.safeParse(body);
    if (!parsed.success) return { ok: false, reason: "unavailable", detail: "Graph: unexpected answer" };
    return {
      ok: true,
      tenantId: token.tid,
      objectId: parsed.data.invitedUser.id,
      redeemUrl: parsed.data.inviteRedeemUrl,
    };
  } catch (error) {
    return {
      ok: false,
      reason: "unavailable",
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
