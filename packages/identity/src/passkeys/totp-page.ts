import { safeLocalPath } from "@sesame/kit/http/create-app";
import { loadOnce } from "@sesame/kit/modules/load-once";
import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { announce } from "../account-page/security-alerts";
import type { IdentityContext } from "../context";
import { findTotp } from "../factors/factor-queries";
import { didSecondFactor } from "../factors/mfa-rules";
import { TOTP_AMR } from "../factors/second-factor-operations";
import {
  confirmTotpEnrolment,
  pendingTotpSecret,
  selfActor,
  startTotpEnrolment,
} from "../factors/totp-operations";
import { totpSecretText, totpUri } from "../factors/totp-rules";
import { activeSessions, SESSION_COOKIE, setSessionAmr } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { removeAuthenticatorApp } from "./totp-removal";

const TOTP_PATH = "/account/security/totp";
/** qrcode loads with the first enrolment page, not at identity's start. */
const qrcode = loadOnce("qrcode", () => import("qrcode"));
const returnField = z.string().max(2048).optional().catch(undefined);
const sidQuery = z.object({ sid: z.string().max(64).optional().catch(undefined), return: returnField });
const codeForm = z.object({
  sid: z.string().max(64).optional().catch(undefined),
  code: z.string().max(32).catch(""),
  return: returnField,
});

/** Where "Continue" leads after registration: a local path with the session appended, as the sign-in pages do. */
function continueAddress(returnTo: string, sid: string): string {
  const url = new URL(safeLocalPath(returnTo), "https://local.invalid");
  url.searchParams.set("sid", sid);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The account of the session chosen by `sid` (else the latest), or a redirect to sign in. */
async function signedIn(ctx: IdentityContext, request: FastifyRequest, sid: string | undefined) {
  const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
  return sessions.find((s) => s.id === sid) ?? sessions[0];
}

const accountLink = (sid: string) => `/account?sid=${encodeURIComponent(sid)}`;

async function enrolmentPage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    secret: Buffer;
    email: string;
    brand: string;
    sid: string;
    returnTo?: string | undefined;
    error?: string;
  },
  status = 200,
) {
  const t = tr(request);
  const interrupt = input.returnTo
    ? html`<p role="status">${t("totp.required")}</p><input type="hidden" name="return" value="${input.returnTo}">`
    : html``;
  const qr = await (await qrcode()).default.toDataURL(totpUri(input.secret, input.brand, input.email), {
    margin: 2,
    width: 220,
  });
  const body = html`<h1>${t("totp.title")}</h1>
<p>${t("totp.scan")}</p>
<p><img src="${qr}" width="220" height="220" alt="${t("totp.qrAlt")}"></p>
<p>${t("totp.manual")} <code data-totp-secret>${totpSecretText(input.secret)}</code></p>
<form method="post" action="${TOTP_PATH}" novalidate>${csrfField(reply)}${interrupt}
<input type="hidden" name="sid" value="${input.sid}">
<label for="code">${t("totp.enterCode")}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required
 aria-invalid="${input.error ? "true" : "false"}" aria-describedby="${describedBy("code", input.error)}">
${fieldError("code", input.error)}
<div class="actions"><button class="primary" type="submit">${t("totp.confirm")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("totp.title"), body, status });
}

function messagePage(
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  content: SafeHtml,
  sid: string,
  status = 200,
) {
  const t = tr(request);
  const body = html`<h1>${title}</h1>${content}<p><a href="${accountLink(sid)}">${t("totp.back")}</a></p>`;
  return sendPage(request, reply, { title, body, status });
}

/** Setting up an authenticator app from the account page: QR code, first code, recovery codes. */
export function registerTotpRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get(TOTP_PATH, async (request, reply) => {
    const { sid, return: returnTo } = sidQuery.parse(request.query ?? {});
    const session = await signedIn(ctx, request, sid);
    if (!session) return reply.redirect(`/login?return=${encodeURIComponent(TOTP_PATH)}`, 303);
    const { account } = session;
    const t = tr(request);
    if ((await findTotp(ctx.db, account.id))?.enabled_at) {
      return messagePage(
        request,
        reply,
        t("totp.title"),
        html`<p role="status">${t("totp.already")}</p>`,
        session.id,
      );
    }
    const secret = await startTotpEnrolment(ctx, selfActor(account, request.ip), account);
    const input = { secret, email: account.email, brand: ctx.brand, sid: session.id, returnTo };
    return enrolmentPage(request, reply, input);
  });

  app.post(TOTP_PATH, async (request, reply) => {
    const form = codeForm.parse(request.body ?? {});
    const session = await signedIn(ctx, request, form.sid);
    if (!session) return reply.redirect(`/login?return=${encodeURIComponent(TOTP_PATH)}`, 303);
    const { account } = session;
    const t = tr(request);
    const outcome = await confirmTotpEnrolment(
      ctx,
      selfActor(account, request.ip),
      account,
      form.code,
      (trx) => announce(trx, ctx, account, { kind: "factor-added", at: Date.now(), method: "totp" }),
    );
    if (outcome.kind === "none")
      return reply.redirect(`${TOTP_PATH}?sid=${encodeURIComponent(session.id)}`, 303);
    if (outcome.kind === "wrong") {
      const secret = await pendingTotpSecret(ctx, account);
      if (!secret) return reply.redirect(`${TOTP_PATH}?sid=${encodeURIComponent(session.id)}`, 303);
      const input = {
        secret,
        email: account.email,
        brand: ctx.brand,
        sid: session.id,
        error: t("totp.wrong"),
      };
      return enrolmentPage(request, reply, input, 400);
    }
    // Proving the new app with a code is this session's second factor (the registration interrupt).
    if (!didSecondFactor(session.amr)) await setSessionAmr(ctx.db, session.id, TOTP_AMR);
    const next = form.return
      ? html`<p><a class="button primary" href="${continueAddress(form.return, session.id)}">${t("totp.continue")}</a></p>`
      : html``;
    const codes = html`<p>${t("totp.recoveryLead")}</p>
<h2>${t("totp.recoveryList")}</h2>
<ul class="recovery-codes">${outcome.recoveryCodes.map((code) => html`<li><code>${code}</code></li>`)}</ul>${next}`;
    return messagePage(request, reply, t("totp.enabledTitle"), codes, session.id);
  });

  app.post(`${TOTP_PATH}/remove`, async (request, reply) => {
    const form = codeForm.parse(request.body ?? {});
    const session = await signedIn(ctx, request, form.sid);
    if (!session) return reply.redirect(`/login?return=${encodeURIComponent("/account")}`, 303);
    // Only a session that proved the app may remove it (not one opened by a password alone).
    if (!didSecondFactor(session.amr)) {
      const back = new URLSearchParams({ sid: session.id, return: "/account" });
      return reply.redirect(`/login/factor?${back.toString()}`, 303);
    }
    const t = tr(request);
    const removed = await removeAuthenticatorApp(
      ctx,
      selfActor(session.account, request.ip),
      session.account,
    );
    if (!removed) {
      const refused = html`<p class="error" role="alert">${t("totp.removeRefused")}</p>`;
      return messagePage(request, reply, t("totp.remove"), refused, session.id, 409);
    }
    return messagePage(
      request,
      reply,
      t("totp.remove"),
      html`<p role="status">${t("totp.removed")}</p>`,
      session.id,
    );
  });
}
