import { formBody } from "@sesame/kit/http/form-body";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { emailDomain } from "../accounts/email";
import type { IdentityContext } from "../context";
import { findTotp, unusedRecoveryCodes } from "../factors/factor-queries";
import { countPasskeys } from "../factors/passkey-queries";
import type { MessageKey } from "../i18n/messages";
import { endBrowserSessions, SESSION_COOKIE, sessionCookieOptions } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { consentedApplicationsOf, openSessionsOf, recentSignInsOf } from "./account-activity-queries";
import { exportAccount } from "./account-export";
import { accountHolder } from "./account-holder";
import { endOwnSession, signOutEverywhere, withdrawConsent } from "./account-operations";
import { accountPage } from "./account-page";
import { placesOf } from "./ip-place";
import { SIGN_IN_ACTIVITY_LIMIT } from "./sign-in-activity";

const sid = z.string().max(64).optional().catch(undefined);
/** What the page confirms after an action (Post/Redirect/Get): a key, never free text. */
const DONE = {
  ended: "account.sessions.ended",
  withdrawn: "account.apps.withdrawn",
  gone: "account.notFound",
  saved: "account.profile.saved",
} as const;
const pageQuery = z.object({
  sid,
  done: z
    .enum(Object.keys(DONE) as [keyof typeof DONE])
    .optional()
    .catch(undefined),
});
const id = z.string().min(1).max(64);

/** The account page, the holder's own actions on it (sessions, applications, export) and sign-out. */
export function registerAccountPageRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const toLogin = (reply: FastifyReply) =>
    reply.redirect(`/login?return=${encodeURIComponent("/account")}`, 303);
  const hasMailbox = (email: string) => ctx.config.SESAME_CONSUMER_DOMAINS.includes(emailDomain(email));
  const back = (reply: FastifyReply, holderSid: string, done: keyof typeof DONE) =>
    reply.redirect(`/account?${new URLSearchParams({ sid: holderSid, done })}`, 303);

  api.get("/account", { schema: { querystring: pageQuery } }, async (request, reply) => {
    const holder = await accountHolder(ctx, request, request.query.sid);
    if (!holder) return toLogin(reply);
    const t = tr(request);
    const [sessions, signIns, applications, totp, recoveryCodesLeft, passkeys] = await Promise.all([
      openSessionsOf(ctx.db, holder.account.id),
      recentSignInsOf(ctx.db, holder.account.id, SIGN_IN_ACTIVITY_LIMIT),
      consentedApplicationsOf(ctx.db, holder.account.id),
      findTotp(ctx.db, holder.account.id),
      unusedRecoveryCodes(ctx.db, holder.account.id),
      countPasskeys(ctx.db, holder.account.id),
    ]);
    const places = await placesOf(
      [...sessions, ...signIns].map((s) => s.ip),
      ctx.logger,
    );
    const done = request.query.done ? html`${t(DONE[request.query.done] as MessageKey)}` : undefined;
    const body = accountPage(t, request.locale, reply, {
      holder,
      sessions,
      signIns,
      places,
      applications,
      hasMailbox: hasMailbox(holder.account.email),
      totp: { on: Boolean(totp?.enabled_at), recoveryCodesLeft },
      passkeys,
      done,
    });
    return sendPage(request, reply, { title: t("account.title"), body });
  });

  api.post(
    "/account/sessions/end",
    { schema: { body: formBody({ sid: id, session: id }) } },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.body.sid);
      if (!holder) return toLogin(reply);
      const ended = await endOwnSession(ctx, holder.account.id, request.body.session);
      if (request.body.session === holder.id) return signedOut(request, reply, "signout.done");
      return back(reply, holder.id, ended ? "ended" : "gone");
    },
  );

  api.post(
    "/account/sessions/end-all",
    { schema: { body: formBody({ sid: id }) } },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.body.sid);
      if (!holder) return toLogin(reply);
      await signOutEverywhere(ctx, holder.account.id);
      return signedOut(request, reply, "account.sessions.endedAll");
    },
  );

  api.post(
    "/account/apps/withdraw",
    { schema: { body: formBody({ sid: id, client: id }) } },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.body.sid);
      if (!holder) return toLogin(reply);
      const withdrawn = await withdrawConsent(ctx, holder.account.id, request.body.client);
      return back(reply, holder.id, withdrawn ? "withdrawn" : "gone");
    },
  );

  api.get("/account/export", { schema: { querystring: z.object({ sid }) } }, async (request, reply) => {
    const holder = await accountHolder(ctx, request, request.query.sid);
    if (!holder) return toLogin(reply);
    const data = await exportAccount(ctx, request.locale, holder.account, hasMailbox(holder.account.email));
    return reply
      .header("cache-control", "no-store")
      .header("content-disposition", 'attachment; filename="sesame-account.json"')
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(data, null, 2));
  });

  // Sign-out of this browser: every account it holds.
  app.post("/logout", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endBrowserSessions(ctx.db, token);
    return signedOut(request, reply, "signout.done");
  });

  /** The page after the holder ended their own session here: the browser's cookie goes with it. */
  function signedOut(request: FastifyRequest, reply: FastifyReply, message: MessageKey) {
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions());
    const t = tr(request);
    return sendPage(request, reply, {
      title: t("account.signout"),
      body: html`<h1>${t("account.signout")}</h1><p role="status">${t(message)}</p>
<p><a href="/login">${t("signin.submit")}</a></p>`,
    });
  }
}
