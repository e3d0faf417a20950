import { randomBytes } from "node:crypto";
import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Account, findAccountById } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { deleteChallenge, findChallenge, hasSecondFactor, saveChallenge } from "../factors/factor-queries";
import { registrationAddress } from "../factors/registration-page";
import { checkSecondFactor } from "../factors/second-factor-operations";
import { lockoutText } from "../lockout/lockout-text";
import { SESSION_COOKIE, sessionOfBrowser } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { returnWithSid } from "./return-address";
import { hiddenField, passkeyForm } from "./signin-pages";
import { startSession } from "./stay-signed-in";

/** Time to fetch the phone and type a code. */
const CHALLENGE_MS = 10 * 60 * 1000;

const factorForm = z.object({
  challenge: z.string().max(128).catch(""),
  code: z.string().max(64).catch(""),
  return: z.string().max(2048).optional().catch(undefined),
});

const stepUpQuery = z.object({
  sid: z.string().max(64).optional().catch(undefined),
  return: z.string().max(2048).optional().catch(undefined),
});

interface StepState {
  readonly challenge: string;
  readonly account: Account;
  readonly returnTo: string | undefined;
  readonly error?: string;
}

export function codePage(request: FastifyRequest, reply: FastifyReply, state: StepState, status = 200) {
  const t = tr(request);
  const body = html`<p class="identity">${state.account.email}</p>
<h1>${t("factor.title")}</h1>
<p id="factor-lead">${t("factor.lead")}</p>
<form method="post" action="/login/factor" novalidate>${csrfField(reply)}${hiddenField("return", state.returnTo)}
<input type="hidden" name="challenge" value="${state.challenge}">
<label for="code">${t("factor.code")}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required autofocus
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("code", state.error)}">
${fieldError("code", state.error)}
<p class="muted">${t("factor.recoveryHint")}</p>
<div class="actions"><button class="primary" type="submit">${t("factor.verify")}</button></div>
</form>
${passkeyForm(t, reply, { action: "/login/factor/passkey", challenge: state.challenge, returnTo: state.returnTo, label: t("passkey.useForFactor") })}`;
  return sendPage(request, reply, { title: t("factor.title"), body, status });
}

/** After a right password, for an account with a second factor: no session yet, the code first. */
export async function askSecondFactor(
  ctx: IdentityContext,
  request: FastifyRequest,
  reply: FastifyReply,
  account: Account,
  returnTo: string | undefined,
) {
  const challenge = randomBytes(32).toString("base64url");
  await saveChallenge(ctx.db, {
    token: challenge,
    accountId: account.id,
    returnTo,
    expiresAt: Date.now() + CHALLENGE_MS,
  });
  return codePage(request, reply, { challenge, account, returnTo });
}

export function registerSecondFactorRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  // Step-up: a session of this browser that signed in without the second factor its account needs.
  app.get("/login/factor", async (request, reply) => {
    const q = stepUpQuery.parse(request.query ?? {});
    const session = q.sid
      ? await sessionOfBrowser(ctx.db, request.cookies[SESSION_COOKIE], q.sid)
      : undefined;
    if (!session) {
      return reply.redirect(q.return ? `/login?return=${encodeURIComponent(q.return)}` : "/login", 303);
    }
    // Required but never registered (an administrator under security defaults): register first.
    if (!(await hasSecondFactor(ctx.db, session.account.id))) {
      return reply.redirect(returnWithSid(registrationAddress(q.return), session.id), 303);
    }
    return askSecondFactor(ctx, request, reply, session.account, q.return);
  });

  app.post("/login/factor", async (request, reply) => {
    const form = factorForm.parse(request.body ?? {});
    const t = tr(request);
    const pending = form.challenge ? await findChallenge(ctx.db, form.challenge, Date.now()) : undefined;
    const account = pending ? await findAccountById(ctx.db, pending.account_id) : undefined;
    if (!pending || !account || account.enabled !== 1) {
      const body = html`<h1>${t("factor.title")}</h1><p class="error" role="alert">${t("factor.expired")}</p>
<p><a href="/login">${t("signin.title")}</a></p>`;
      return sendPage(request, reply, { title: t("factor.title"), body, status: 400 });
    }
    const returnTo = pending.return_to ?? undefined;
    const state = { challenge: form.challenge, account, returnTo };
    const outcome = await checkSecondFactor(ctx, { account, code: form.code, source: request.ip });
    switch (outcome.kind) {
      case "locked":
        return codePage(request, reply, { ...state, error: lockoutText(t, outcome.ms) }, 429);
      case "busy":
        return codePage(request, reply, { ...state, error: t("error.tooMany") }, 429);
      case "wrong":
        return codePage(request, reply, { ...state, error: t("factor.wrong") }, 400);
      case "ok":
        await deleteChallenge(ctx.db, form.challenge);
        return startSession(ctx, request, reply, account, returnTo, outcome.amr);
    }
  });
}
