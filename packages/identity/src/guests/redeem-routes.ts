import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { endBrowserSession, SESSION_COOKIE, sessionOfBrowser } from "../sessions/sessions";
import { returnWithSid } from "../signin/return-address";
import { parseInput } from "../signup/form-input";
import { localReturnUrl } from "../signup/return-url";
import { findTenant } from "../tenants/tenant-queries";
import { tr } from "../ui/page";
import { redeemTokenHash } from "./guest-invitation-operations";
import { messagePage, reviewPage, sendCodePage } from "./guest-pages";
import { findGuest, findGuestByRedeemToken, type Guest, guestSettingsRow } from "./guest-queries";
import { acceptInvitation, type Redemption } from "./guest-redemption-operations";
import { guestIdp, settingsOf } from "./guest-rules";
import { redemptionPath } from "./redemption-path";

const redeemQuery = z.object({ rd: z.string().max(128) });
const reviewQuery = z.object({
  guest: z.string().max(64),
  sid: z.string().max(64).optional(),
  return: z.string().max(2048).optional(),
});
const reviewForm = reviewQuery.extend({ answer: z.enum(["accept", "cancel"]) });

/** How the account signed in on this session redeems this guest, or undefined when it may not. */
function redemptionBy(ctx: IdentityContext, guest: Guest, account: Account): Redemption | undefined {
  if (account.id === guest.account_id) return { idp: guestIdp("mail", ctx.origin), homeAccountId: null };
  if (account.email_normalized !== guest.email_normalized || account.tenant_id === guest.tenant_id)
    return undefined;
  const kind = account.kind === "personal" ? "personal" : "work";
  return { idp: guestIdp(kind, ctx.origin, account.tenant_id), homeAccountId: account.id };
}

/** The guest named by the review form and the session that may redeem it, or undefined. */
async function reviewing(ctx: IdentityContext, request: FastifyRequest, q: z.infer<typeof reviewQuery>) {
  const guest = await findGuest(ctx.db, q.guest);
  const session = q.sid ? await sessionOfBrowser(ctx.db, request.cookies[SESSION_COOKIE], q.sid) : undefined;
  const redemption = guest && session ? redemptionBy(ctx, guest, session.account) : undefined;
  const tenant = guest ? await findTenant(ctx.db, guest.tenant_id) : undefined;
  if (!guest || !session || !redemption || !tenant) return undefined;
  return { guest, session, redemption, tenant };
}

function expired(request: FastifyRequest, reply: FastifyReply) {
  const t = tr(request);
  return messagePage(request, reply, {
    title: t("guest.review.title"),
    text: t("guest.redeem.expired"),
    status: 400,
  });
}

/** Where a redeemed guest goes: back to the sign-in that sent them, or to the inviter's redirect URL. */
function onward(reply: FastifyReply, guest: Guest, returnTo: string | undefined, sid: string) {
  const local = localReturnUrl(returnTo);
  return reply.redirect(local ? returnWithSid(local, sid) : guest.invite_redirect_url, 303);
}

/** The redeem link, Microsoft's redemption order, and the "Review permissions" page. */
export function registerRedeemRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/redeem", async (request, reply) => {
    const t = tr(request);
    const q = redeemQuery.safeParse(request.query ?? {});
    const guest = q.success ? await findGuestByRedeemToken(ctx.db, redeemTokenHash(q.data.rd)) : undefined;
    const tenant = guest ? await findTenant(ctx.db, guest.tenant_id) : undefined;
    if (!guest || !tenant)
      return messagePage(request, reply, {
        title: t("guest.redeem.invalidTitle"),
        text: t("guest.redeem.invalid"),
        status: 404,
      });
    // Redeemed already: the link now only leads on, where the application signs the guest in.
    if (guest.external_user_state === "Accepted") return reply.redirect(guest.invite_redirect_url, 303);
    const settings = await guestSettingsRow(ctx.db, guest.tenant_id).then(settingsOf);
    const path = await redemptionPath(ctx.db, guest, settings);
    const review = `/redeem/review?guest=${encodeURIComponent(guest.account_id)}`;
    if (path === "emailOneTimePasscode")
      return sendCodePage(request, reply, {
        tenantId: tenant.id,
        organisation: tenant.display_name,
        email: guest.email,
        returnTo: undefined,
      });
    if (path === "newMicrosoftAccount") {
      const back = `/redeem?rd=${encodeURIComponent(q.success ? q.data.rd : "")}`;
      const signup = new URLSearchParams({ email: guest.email, return_url: back });
      return reply.redirect(`/signup?${signup.toString()}`, 303);
    }
    const login = new URLSearchParams({ login_hint: guest.email, return: review, prompt: "login" });
    return reply.redirect(`/login?${login.toString()}`, 303);
  });

  app.get("/redeem/review", async (request, reply) => {
    const q = parseInput(reviewQuery, request.query);
    const found = await reviewing(ctx, request, q);
    if (!found) return expired(request, reply);
    const { guest, session, tenant } = found;
    if (guest.external_user_state === "Accepted") return onward(reply, guest, q.return, session.id);
    const settings = await guestSettingsRow(ctx.db, guest.tenant_id).then(settingsOf);
    return reviewPage(request, reply, {
      organisation: tenant.display_name,
      privacyUrl: settings.privacyUrl,
      signedInAs: guest.email,
      guestId: guest.account_id,
      sid: session.id,
      returnTo: localReturnUrl(q.return),
    });
  });

  app.post("/redeem/review", async (request, reply) => {
    const form = parseInput(reviewForm, request.body);
    const found = await reviewing(ctx, request, form);
    if (!found) return expired(request, reply);
    const { guest, session, redemption, tenant } = found;
    if (form.answer === "cancel") {
      const browserToken = request.cookies[SESSION_COOKIE];
      if (browserToken) await endBrowserSession(ctx.db, browserToken, session.id);
      const t = tr(request);
      return messagePage(request, reply, {
        title: t("guest.redeem.declinedTitle"),
        text: t("guest.redeem.declined", { org: tenant.display_name }),
        status: 200,
      });
    }
    await acceptInvitation(ctx, guest, redemption, request.ip);
    return onward(reply, guest, form.return, session.id);
  });
}
