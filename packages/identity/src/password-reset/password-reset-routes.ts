import { hostCookie, hostCookieOptions } from "@sesame/kit/http/cookies";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findAccountByEmail, findAccountById } from "../accounts/account-queries";
import { argon2Settings } from "../accounts/argon2-settings";
import { looksLikeEmail, normalizeEmail } from "../accounts/email";
import { hashPassword } from "../accounts/password-hash";
import { codeKey } from "../codes/code-key";
import { defaultCodeRules, issueCode, verifyCode } from "../codes/codes";
import type { IdentityContext } from "../context";
import { changeOwnPassword } from "../credentials/password-change";
import { tr } from "../ui/page";
import { newPasswordError } from "./new-password-problem";
import { resetCodeMail } from "./password-reset-mail";
import { codeStepPage, emailStepPage, messagePage, newPasswordPage } from "./password-reset-pages";
import {
  completeAttempt,
  countWrongCode,
  findResetAttempt,
  markCodeSent,
  markVerified,
  RESET_TTL_MS,
  type ResetAttempt,
  startResetAttempt,
} from "./password-reset-queries";
import { codeCheckWithoutAccount, mayChoosePassword } from "./reset-rules";

const RESET_COOKIE = hostCookie("reset");
/** Attempts started per network per hour: bounds the table, not the mail (the code rules do that). */
const STARTS_PER_HOUR = 30;
const noNames = { given_name: null, family_name: null, display_name: "" };

const field = (max: number) => z.string().max(max).catch("");
const hintQuery = z.object({ login_hint: z.string().max(254).optional().catch(undefined) });
const emailForm = z.object({ email: field(254) });
const codeForm = z.object({ code: field(16) });
const passwordForm = z.object({ password: field(4096) });
const objectOf = (value: unknown) => (value && typeof value === "object" ? value : {});

/**
 * "Mot de passe oublié ?": address → emailed code → new password. Every page reads the same whether
 * the address has an account or not; only the mailbox's owner learns it, by receiving the code.
 */
export function registerPasswordResetRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const rules = defaultCodeRules(ctx.config.SESAME_CODE_LENGTH);
  const key = codeKey(ctx.config);
  const attemptOf = (request: FastifyRequest) => findResetAttempt(ctx.db, request.cookies[RESET_COOKIE]);
  const restart = (request: FastifyRequest, reply: FastifyReply) => {
    const t = tr(request);
    return messagePage(request, reply, {
      title: t("reset.title"),
      text: t("reset.restart"),
      link: { href: "/password/reset", label: t("reset.title") },
      status: 400,
      alert: true,
    });
  };
  const mailCode = (request: FastifyRequest, attempt: ResetAttempt) =>
    attempt.account_id
      ? issueCode(
          { db: ctx.db, counters: ctx.counters, rules, key },
          {
            purpose: "password-reset",
            address: attempt.email,
            subject: attempt.id,
            mail: (code) => resetCodeMail(request.locale, attempt.email, ctx.config.SESAME_MAIL_FROM, code),
          },
        )
      : Promise.resolve({ ok: true as const });

  app.get("/password/reset", async (request, reply) => {
    const { login_hint } = hintQuery.parse(objectOf(request.query));
    return emailStepPage(request, reply, { email: login_hint ?? "" });
  });

  app.post("/password/reset", async (request, reply) => {
    const t = tr(request);
    const email = emailForm.parse(objectOf(request.body)).email.trim();
    if (!looksLikeEmail(email))
      return emailStepPage(request, reply, { email, error: t("reset.emailInvalid") }, 400);
    if ((await ctx.counters.increment(`reset-start:${request.ip}`, RESET_TTL_MS)) > STARTS_PER_HOUR) {
      return emailStepPage(request, reply, { email, error: t("reset.tooMany") }, 429);
    }
    const account = await findAccountByEmail(ctx.db, email);
    const { token, attempt } = await startResetAttempt(ctx.db, {
      email: normalizeEmail(email),
      accountId: account && account.enabled === 1 ? account.id : null,
    });
    const sent = await mailCode(request, attempt);
    if (sent.ok && attempt.account_id) ctx.mailQueued();
    reply.setCookie(RESET_COOKIE, token, hostCookieOptions(RESET_TTL_MS / 1000));
    return reply.redirect("/password/reset/code", 303);
  });

  app.get("/password/reset/code", async (request, reply) => {
    const attempt = await attemptOf(request);
    if (!attempt) return restart(request, reply);
    return codeStepPage(request, reply, { email: attempt.email });
  });

  app.post("/password/reset/resend", async (request, reply) => {
    const attempt = await attemptOf(request);
    if (!attempt) return restart(request, reply);
    const sent = await mailCode(request, attempt);
    if (sent.ok) {
      await markCodeSent(ctx.db, attempt.id);
      if (attempt.account_id) ctx.mailQueued();
    }
    return codeStepPage(request, reply, { email: attempt.email, notice: tr(request)("reset.resent") });
  });

  app.post("/password/reset/code", async (request, reply) => {
    const attempt = await attemptOf(request);
    if (!attempt) return restart(request, reply);
    const { code } = codeForm.parse(objectOf(request.body));
    const outcome = attempt.account_id
      ? await verifyCode(
          { db: ctx.db, rules, key },
          { purpose: "password-reset", address: attempt.email, subject: attempt.id, code },
        )
      : codeCheckWithoutAccount(attempt, rules, Date.now());
    if (outcome.ok) {
      await markVerified(ctx.db, attempt.id);
      return reply.redirect("/password/reset/new", 303);
    }
    if (!attempt.account_id) await countWrongCode(ctx.db, attempt.id);
    const t = tr(request);
    const error =
      outcome.reason === "wrong"
        ? t("reset.wrong", { tries: outcome.triesLeft })
        : outcome.reason === "expired"
          ? t("reset.expired")
          : t("reset.burned");
    return codeStepPage(request, reply, { email: attempt.email, error }, 400);
  });

  app.get("/password/reset/new", async (request, reply) => {
    const attempt = await attemptOf(request);
    if (!attempt || !mayChoosePassword(attempt, Date.now())) return restart(request, reply);
    return newPasswordPage(request, reply, { email: attempt.email });
  });

  app.post("/password/reset/new", async (request, reply) => {
    const attempt = await attemptOf(request);
    if (!attempt?.account_id || !mayChoosePassword(attempt, Date.now())) return restart(request, reply);
    const accountId = attempt.account_id;
    const { password } = passwordForm.parse(objectOf(request.body));
    const account = await findAccountById(ctx.db, accountId);
    const t = tr(request);
    const error = await newPasswordError(
      t,
      ctx.config,
      password,
      account ?? { ...noNames, email: attempt.email },
    );
    if (error) return newPasswordPage(request, reply, { email: attempt.email, error }, 400);
    const passwordHash = await hashPassword(password, argon2Settings(ctx.config));
    let won = false;
    await changeOwnPassword(ctx, accountId, passwordHash, async (trx) => {
      won = await completeAttempt(trx, attempt.id);
      if (!won) throw new AttemptAlreadyUsed();
    }).catch((error: unknown) => {
      if (!(error instanceof AttemptAlreadyUsed)) throw error;
    });
    if (!won) return restart(request, reply);
    reply.clearCookie(RESET_COOKIE, hostCookieOptions());
    return messagePage(request, reply, {
      title: t("reset.doneTitle"),
      text: t("reset.done"),
      link: { href: `/login?login_hint=${encodeURIComponent(attempt.email)}`, label: t("reset.signin") },
    });
  });
}

class AttemptAlreadyUsed extends Error {}
