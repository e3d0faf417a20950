import { hostCookie, hostCookieOptions } from "@sesame/kit/http/cookies";
import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { preparePlace } from "../account-page/ip-place";
import { newDeviceToken, noteSignInDevice } from "../account-page/security-alerts";
import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import {
  activeSessions,
  openSession,
  PERSISTENT_MS,
  renewBrowserToken,
  SESSION_COOKIE,
  sessionCookieOptions,
  sessionOfBrowser,
  setSessionLifetime,
} from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { offerReopen } from "./reopen-offer";
import { returnWithSid } from "./return-address";
import { hiddenField } from "./signin-pages";

/** "Ne plus afficher ce message": the remembered answer, "1" (yes) or "0" (no). */
export const KMSI_COOKIE = hostCookie("kmsi");
const YEAR_S = 365 * 24 * 60 * 60;

const answerForm = z.object({
  sid: z.string().min(1).max(64),
  return: z.string().max(2048).optional(),
  answer: z.enum(["yes", "no"]),
  dont_show: z.string().max(8).optional(),
});

/**
 * After a correct password: the session exists at once (as Microsoft does), lasting TRANSIENT_MS
 * in a browser-session cookie; the "Stay signed in?" answer then sets its lifetime.
 */
export async function startSession(
  ctx: IdentityContext,
  request: FastifyRequest,
  reply: FastifyReply,
  account: Account,
  returnTo: string | undefined,
  amr?: readonly string[],
) {
  // Closing pending: no session until the holder chooses to reopen the account.
  if (account.deletion_due_at !== null) return offerReopen(ctx, request, reply, account, returnTo, amr);
  const remembered = request.cookies[KMSI_COOKIE];
  const heldToken = request.cookies[SESSION_COOKIE];
  const heldDevice = request.cookies[DEVICE_COOKIE];
  const deviceToken = heldDevice && /^[\w-]{43}$/.test(heldDevice) ? heldDevice : newDeviceToken();
  const ip = request.ip;
  const userAgent = request.headers["user-agent"] ?? "";
  // The place a new-device mail names is read inside the transaction: its data file is read first.
  await preparePlace(ip, ctx.logger);
  // One transaction for the session, the device and its security mail: one commit (one fsync)
  // per sign-in instead of one per write, and the mail exists if and only if the session does.
  const { sid, browserToken } = await ctx.db.transaction().execute(async (trx) => {
    const opened = await openSession(trx, {
      heldToken,
      accountId: account.id,
      persistent: remembered === "1",
      ip,
      userAgent,
      ...(amr ? { amr } : {}),
    });
    await noteSignInDevice(trx, ctx, { account, deviceToken, ip, userAgent });
    return opened;
  });
  // Without an earlier token no other session rides on this cookie: its lifetime is this session's.
  if (heldToken) await setSessionCookie(ctx, reply, browserToken);
  else
    reply.setCookie(
      SESSION_COOKIE,
      browserToken,
      sessionCookieOptions(remembered === "1" ? PERSISTENT_MS / 1000 : undefined),
    );
  if (deviceToken !== heldDevice) reply.setCookie(DEVICE_COOKIE, deviceToken, hostCookieOptions(2 * YEAR_S));
  if (remembered === "1" || remembered === "0") return reply.redirect(returnWithSid(returnTo, sid), 303);
  return staySignedInPage(request, reply, sid, returnTo);
}

/** This browser's device cookie, kept two years: a sign-in from a browser without it is announced by mail. */
export const DEVICE_COOKIE = hostCookie("device");

/** The browser's cookie outlives the browser only while one of its sessions is persistent. */
async function setSessionCookie(ctx: IdentityContext, reply: FastifyReply, browserToken: string) {
  const sessions = await activeSessions(ctx.db, browserToken);
  const persistent = sessions.some((session) => session.persistent);
  reply.setCookie(
    SESSION_COOKIE,
    browserToken,
    sessionCookieOptions(persistent ? PERSISTENT_MS / 1000 : undefined),
  );
}

function staySignedInPage(
  request: FastifyRequest,
  reply: FastifyReply,
  sid: string,
  returnTo: string | undefined,
) {
  const t = tr(request);
  const body = html`<h1>${t("kmsi.title")}</h1>
<p>${t("kmsi.lead")}</p>
<form method="post" action="/login/kmsi">${csrfField(reply)}${hiddenField("return", returnTo)}
<input type="hidden" name="sid" value="${sid}">
<div class="check"><input type="checkbox" id="dont-show" name="dont_show" value="1"><label for="dont-show">${t("kmsi.dontShow")}</label></div>
<div class="actions"><button class="secondary" type="submit" name="answer" value="no">${t("kmsi.no")}</button>
<button class="primary" type="submit" name="answer" value="yes">${t("kmsi.yes")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("kmsi.title"), body });
}

export function registerStaySignedInRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.post("/login/kmsi", async (request, reply) => {
    const form = answerForm.safeParse(request.body ?? {});
    const browserToken = request.cookies[SESSION_COOKIE];
    const session = form.success ? await sessionOfBrowser(ctx.db, browserToken, form.data.sid) : undefined;
    if (!form.success || !session || !browserToken) {
      const t = tr(request);
      const body = html`<h1>${t("kmsi.title")}</h1><p class="error" role="alert">${t("kmsi.expired")}</p>
<p><a href="/login">${t("signin.title")}</a></p>`;
      return sendPage(request, reply, { title: t("kmsi.title"), body, status: 400 });
    }
    const persistent = form.data.answer === "yes";
    await setSessionLifetime(ctx.db, session.id, persistent);
    if (form.data.dont_show) reply.setCookie(KMSI_COOKIE, persistent ? "1" : "0", hostCookieOptions(YEAR_S));
    // A session that will outlive the browser gets a cookie value never seen before (fixation).
    const cookieToken = persistent ? await renewBrowserToken(ctx.db, browserToken) : browserToken;
    await setSessionCookie(ctx, reply, cookieToken);
    return reply.redirect(returnWithSid(form.data.return, session.id), 303);
  });
}
