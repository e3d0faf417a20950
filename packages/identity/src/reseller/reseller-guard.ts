import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { resellerOf } from "./reseller-operations";

export interface ResellerSession {
  readonly account: Account;
  readonly resellerTenantId: string;
  readonly actor: Actor;
}

type Handler = (
  request: FastifyRequest,
  reply: FastifyReply,
  session: ResellerSession,
) => Promise<FastifyReply>;

/** The partner centre is for Global Administrators of a reseller tenant, signed in on identity. */
export function asReseller(ctx: IdentityContext, handler: Handler) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
    if (sessions.length === 0)
      return reply.redirect(
        `/login?return=${encodeURIComponent(request.method === "GET" ? request.url : "/reseller")}`,
        303,
      );
    for (const { account } of sessions) {
      const resellerTenantId = await resellerOf(ctx.db, account);
      if (resellerTenantId)
        return handler(request, reply, {
          account,
          resellerTenantId,
          actor: { id: account.id, name: account.email, source: request.ip },
        });
    }
    const t = tr(request);
    return sendPage(request, reply, {
      title: t("admin.forbidden.title"),
      status: 403,
      body: html`<h1>${t("admin.forbidden.title")}</h1>
<p role="alert">${t("reseller.forbidden", { email: sessions[0]?.account.email ?? "" })}</p>
<p><a href="/login?return=%2Freseller">${t("admin.forbidden.other")}</a></p>`,
    });
  };
}
