import { hostCookie, hostCookieOptions } from "@sesame/kit/http/cookies";
import { safeLocalPath } from "@sesame/kit/http/create-app";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import * as client from "openid-client";
import { z } from "zod";
import { approvalCallback } from "../approvals/approval-callback";
import { firmOf, firmParams } from "../firms/firm-access";
import { findFirmByCode, findFirmById } from "../firms/firm-queries";
import { firmTenantId } from "../guests/guest-sign-in";
import type { MessageKey } from "../i18n/messages";
import { tenantIdOfDomain } from "../identity-client/discovery-client";
import { oidcConfig, tenantOidcConfig } from "../identity-client/oidc-config";
import { startSignIn } from "../identity-client/start-signin";
import type { PortalContext } from "../service/portal-context";
import { deleteSession, readSession, SESSION_COOKIE, SESSION_TTL_MS } from "../sessions/session-store";
import { queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { type MatchFailure, matchContact, matchStaff, type SignedInClaims } from "./match-person";
import { openSignedInSession } from "./signin-operations";

const SIGNIN_TTL_MS = 10 * 60 * 1000;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const returnQuery = z.object({ return: queryText });
const callbackQuery = z.object({ state: queryText, error: queryText });

export function registerAuthRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/:firm/signin",
    { schema: { params: firmParams, querystring: returnQuery } },
    async (request, reply) => {
      const firm = await firmOf(ctx, request);
      const t = tr(request);
      const back = safeLocalPath(request.query.return);
      return sendPage(request, reply, {
        title: t("auth.staff.title"),
        body: html`<h1>${t("auth.staff.title")}</h1><p>${t("auth.staff.lead", { firm: firm.name })}</p>
<p><a class="button primary" href="/${firm.code}/signin/microsoft?return=${encodeURIComponent(back)}">${t("auth.button")}</a></p>
<p class="muted">${t("auth.contact.hint")}</p>
<p><a href="/${firm.code}/signin/client">${t("auth.contact.button")}</a></p>`,
      });
    },
  );

  app.get(
    "/:firm/signin/microsoft",
    { schema: { params: firmParams, querystring: returnQuery } },
    async (request, reply) => {
      const firm = await firmOf(ctx, request);
      const back = safeLocalPath(request.query.return);
      const returnTo = back === "/" ? `/${firm.code}/dossiers` : back;
      return redirectToAuthority(request, reply, () =>
        startSignIn(ctx, { kind: "staff", firmId: firm.id, invitationToken: null, returnTo }),
      );
    },
  );

  app.get("/:firm/signin/client", { schema: { params: firmParams } }, async (request, reply) => {
    const firm = await firmOf(ctx, request);
    return redirectToAuthority(request, reply, () =>
      startSignIn(ctx, {
        kind: "contact",
        firmId: firm.id,
        invitationToken: null,
        returnTo: `/${firm.code}/espace`,
      }),
    );
  });

  // Where Microsoft sends a guest after redemption: sign-in at the firm's own tenant.
  app.get("/:firm/signin/guest", { schema: { params: firmParams } }, async (request, reply) => {
    const firm = await firmOf(ctx, request);
    return redirectToAuthority(request, reply, async () => {
      const tenant = await firmTenantId(ctx);
      if (!tenant) throw new TypeError("the firm's tenant could not be resolved");
      return startSignIn(ctx, {
        kind: "contact",
        firmId: firm.id,
        invitationToken: null,
        returnTo: `/${firm.code}/espace`,
        tenant,
      });
    });
  });

  app.get("/auth/callback", { schema: { querystring: callbackQuery } }, async (request, reply) => {
    const reauthenticated = await approvalCallback(ctx, request, reply);
    if (reauthenticated) return reauthenticated;
    const { query } = request;
    const state = typeof query.state === "string" ? query.state.slice(0, 200) : "";
    const pending = state
      ? await ctx.db.selectFrom("signin_request").selectAll().where("state", "=", state).executeTakeFirst()
      : undefined;
    // Single use: the first callback with this state consumes it.
    const consumed = pending
      ? Number(
          (await ctx.db.deleteFrom("signin_request").where("state", "=", state).executeTakeFirst())
            .numDeletedRows,
        ) === 1
      : false;
    if (!pending || !consumed || pending.created_at < Date.now() - SIGNIN_TTL_MS)
      return failed(request, reply, "expired", 400);
    if (query.error) return failed(request, reply, "denied", 403);
    let claims: SignedInClaims;
    try {
      const config = pending.tenant
        ? await tenantOidcConfig(ctx, pending.tenant)
        : await oidcConfig(ctx, pending.kind === "staff" ? "organizations" : "common");
      const tokens = await client.authorizationCodeGrant(config, new URL(`${ctx.origin}${request.url}`), {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const c = tokens.claims();
      if (!c || typeof c.tid !== "string" || typeof c.oid !== "string")
        return failed(request, reply, "protocol", 400);
      const email =
        typeof c.email === "string"
          ? c.email
          : typeof c.preferred_username === "string"
            ? c.preferred_username
            : undefined;
      claims = {
        tid: c.tid.toLowerCase(),
        oid: c.oid,
        email,
        name: typeof c.name === "string" ? c.name : (email ?? ""),
      };
      const match =
        pending.kind === "staff"
          ? await matchStaff(ctx.db, pending.firm_id, claims, async (expected) =>
              guid.test(expected)
                ? expected.toLowerCase()
                : tenantIdOfDomain(ctx.fetch, ctx.authority, expected),
            )
          : await matchContact(ctx.db, pending.firm_id, claims, pending.invitation_token);
      if (!match.ok) return failed(request, reply, match.reason, 403);
      const token = await openSignedInSession(ctx.db, {
        kind: pending.kind,
        firmId: pending.firm_id,
        subjectId: match.subjectId,
        tid: claims.tid,
        oid: claims.oid,
        name: claims.name,
        email: claims.email,
        idToken: tokens.id_token ?? "",
      });
      reply.setCookie(hostCookie(SESSION_COOKIE), token, hostCookieOptions(SESSION_TTL_MS / 1000));
      return reply.redirect(safeLocalPath(pending.return_to), 303);
    } catch (error) {
      request.log.warn({ err: error }, "sign-in callback rejected");
      const unreachable = error instanceof TypeError || (error as { code?: string }).code === "OAUTH_TIMEOUT";
      return failed(request, reply, unreachable ? "unavailable" : "protocol", unreachable ? 503 : 400);
    }
  });

  app.get("/auth/signout", async (request, reply) => {
    const cookie = request.cookies[hostCookie(SESSION_COOKIE)];
    const session = await readSession(ctx.db, cookie);
    await deleteSession(ctx.db, cookie);
    reply.clearCookie(hostCookie(SESSION_COOKIE), hostCookieOptions());
    if (!session) return reply.redirect("/");
    const firm = await findFirmById(ctx.db, session.firm_id);
    const back = `/auth/signed-out${firm ? `?state=${encodeURIComponent(firm.code)}` : ""}`;
    // Sign out at the authority too, so "Se connecter" afterwards really asks who is there; it
    // sends the person back here (state: the firm), where a link signs them in again.
    try {
      const config = await oidcConfig(ctx, session.kind === "staff" ? "organizations" : "common");
      const parameters: Record<string, string> = {
        post_logout_redirect_uri: `${ctx.origin}/auth/signed-out`,
      };
      if (firm) parameters.state = firm.code;
      if (session.id_token) parameters.id_token_hint = session.id_token;
      return reply.redirect(client.buildEndSessionUrl(config, parameters).href);
    } catch {
      return reply.redirect(back);
    }
  });

  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/auth/signed-out",
      { schema: { querystring: z.object({ state: queryText }) } },
      async (request, reply) => {
        const t = tr(request);
        const firm = request.query.state ? await findFirmByCode(ctx.db, request.query.state) : undefined;
        return sendPage(request, reply, {
          title: t("home.signedOut"),
          body: html`<h1>${t("home.signedOut")}</h1>
<p><a href="${firm ? `/${firm.code}/signin` : "/"}">${firm ? t("home.signInAgain", { firm: firm.name }) : t("home.firms")}</a></p>`,
        });
      },
    );
}

async function redirectToAuthority(
  request: FastifyRequest,
  reply: FastifyReply,
  start: () => Promise<string>,
) {
  try {
    return reply.redirect(await start());
  } catch (error) {
    request.log.warn({ err: error }, "authority discovery failed");
    return failed(request, reply, "unavailable", 503);
  }
}

function failed(
  request: FastifyRequest,
  reply: FastifyReply,
  reason: MatchFailure | "expired" | "denied" | "protocol" | "unavailable",
  status: number,
) {
  const t = tr(request);
  const key = `auth.failed.${reason}` as MessageKey;
  return sendPage(request, reply, {
    status,
    title: t("auth.failed.title"),
    body: html`<h1>${t("auth.failed.title")}</h1><p class="error" role="alert">${t(key)}</p><p><a href="/">${t("auth.retry")}</a></p>`,
  });
}
