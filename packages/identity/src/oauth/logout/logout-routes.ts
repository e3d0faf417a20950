import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { decodeJwt } from "jose";
import { z } from "zod";
import { findApplication, redirectUris } from "../../apps/app-queries";
import { matchRedirectUri } from "../../apps/redirect-uri-rules";
import { activeSessions, endBrowserSessions, SESSION_COOKIE } from "../../sessions/sessions";
import { sendPage, tr } from "../../ui/page";
import type { OauthDeps } from "../token-issuer";

/** What sign-out reads; other parameters are ignored, and a repeated one is refused (400). */
const logoutQuery = z.object({
  post_logout_redirect_uri: z.string().max(2048).optional(),
  client_id: z.string().max(100).optional(),
  id_token_hint: z.string().max(16_384).optional(),
  state: z.string().max(4096).optional(),
});
type Query = z.infer<typeof logoutQuery>;

/**
 * `/{tenant}/oauth2/v2.0/logout` (and v1): ends every session of this browser, loads the front-channel
 * logout URL of each app signed in during them in a hidden iframe, then offers the way back to
 * `post_logout_redirect_uri` only when it is registered for the app (never an open redirect).
 */
export function registerLogoutRoutes(app: FastifyInstance, deps: OauthDeps): void {
  const { ctx } = deps;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const path of ["/:tenant/oauth2/v2.0/logout", "/:tenant/oauth2/logout"]) {
    typed.get(
      path,
      { onSend: amendFrameSrc, schema: { querystring: logoutQuery } },
      async (request, reply) => {
        const q = request.query;
        const cookie = request.cookies[SESSION_COOKIE];
        const sessions = await activeSessions(ctx.db, cookie);
        const frames = await frontChannelUrls(
          deps,
          sessions.map((s) => s.id),
        );
        // Read before the sessions end: which applications this browser signed in to.
        const back = await trustedPostLogoutUri(
          deps,
          q,
          sessions.map((s) => s.id),
        );
        if (cookie) await endBrowserSessions(ctx.db, cookie);
        const target = back && q.state ? withState(back, q.state) : back;
        if (target && frames.length === 0) return reply.redirect(target, 302);
        allowFrames(reply, frames);
        const t = tr(request);
        const body = html`<h1>${t("oauth.logout.title")}</h1>
<p role="status">${t("oauth.logout.text")}</p>
${target ? html`<p><a href="${target}">${t("oauth.logout.back")}</a></p>` : ""}
${frames.map((f) => html`<iframe src="${f}" hidden title="logout" width="0" height="0"></iframe>`)}`;
        return sendPage(request, reply, { title: t("oauth.logout.title"), body });
      },
    );
  }
}

async function frontChannelUrls(deps: OauthDeps, sessionIds: string[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await deps.ctx.db
    .selectFrom("authorization_code as c")
    .innerJoin("application as a", "a.app_id", "c.client_id")
    .select(["a.front_channel_logout_url", "c.session_id", "c.tenant_id"])
    .where("c.session_id", "in", sessionIds)
    .where("a.front_channel_logout_url", "is not", null)
    .distinct()
    .execute();
  return rows.map((r) => {
    const url = new URL(r.front_channel_logout_url as string);
    url.searchParams.set("sid", r.session_id);
    url.searchParams.set("iss", `${deps.ctx.origin}/${r.tenant_id}/v2.0`);
    return url.toString();
  });
}

/**
 * The way back after sign-out: registered for the application the request names (`client_id` or
 * the ID token's audience) or, when it names none (msal-browser sends neither), for one of the
 * applications these sessions signed in to, as Entra accepts.
 */
async function trustedPostLogoutUri(
  deps: OauthDeps,
  q: Query,
  sessionIds: readonly string[],
): Promise<string | undefined> {
  const uri = q.post_logout_redirect_uri;
  if (!uri) return undefined;
  let clientId = q.client_id;
  if (!clientId && q.id_token_hint) {
    try {
      const aud = decodeJwt(q.id_token_hint).aud;
      clientId = Array.isArray(aud) ? aud[0] : aud;
    } catch {}
  }
  const clientIds = clientId ? [clientId] : await signedInClients(deps, sessionIds);
  for (const id of clientIds) {
    const client = await findApplication(deps.ctx.db, id);
    const match = client && matchRedirectUri(await redirectUris(deps.ctx.db, client.id), uri);
    if (match) return match.uri;
  }
  return undefined;
}

async function signedInClients(deps: OauthDeps, sessionIds: readonly string[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await deps.ctx.db
    .selectFrom("authorization_code")
    .select("client_id")
    .where("session_id", "in", sessionIds)
    .distinct()
    .execute();
  return rows.map((r) => r.client_id);
}

function withState(uri: string, state: string): string {
  const url = new URL(uri);
  url.searchParams.set("state", state);
  return url.toString();
}

const frameOrigins = new WeakMap<FastifyReply, string>();

/** This page's CSP (set by the kit for every response) gains frame-src for these origins only. */
function allowFrames(reply: FastifyReply, frames: string[]): void {
  if (frames.length > 0)
    frameOrigins.set(reply, [...new Set(frames.map((f) => new URL(f).origin))].join(" "));
}

/** Route-level onSend runs after the kit's, so the CSP it wrote is amended, for this response only. */
async function amendFrameSrc(_request: unknown, reply: FastifyReply, payload: unknown) {
  const origins = frameOrigins.get(reply);
  const csp = reply.getHeader("content-security-policy");
  if (origins && typeof csp === "string")
    reply.header("content-security-policy", `${csp}; frame-src ${origins}`);
  return payload;
}
