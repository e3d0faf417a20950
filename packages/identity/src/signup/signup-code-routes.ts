import type { Locale } from "@sesame/kit/i18n/i18n";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { codeKey } from "../codes/code-key";
import { defaultCodeRules, issueCode, verifyCode } from "../codes/codes";
import type { IdentityContext } from "../context";
import { tr } from "../ui/page";
import { parseInput } from "./form-input";
import { attemptFor, countRefusal, stepPath } from "./signup-flow";
import { verificationMail } from "./signup-mails";
import { saveAttempt } from "./signup-queries";
import { withVerifiedEmail } from "./signup-state";
import { codePage } from "./views/code-page";

const codeForm = z.object({ code: z.string().max(32).default(""), marketing: z.string().max(8).optional() });

/** Mails a new code for this attempt's address; a refusal (too soon, daily limit) is returned. */
export async function sendVerificationCode(
  ctx: IdentityContext,
  locale: Locale,
  attemptId: string,
  email: string,
) {
  const sent = await issueCode(
    {
      db: ctx.db,
      counters: ctx.counters,
      rules: defaultCodeRules(ctx.config.SESAME_CODE_LENGTH),
      key: codeKey(ctx.config),
    },
    {
      purpose: "signup",
      address: email,
      subject: attemptId,
      mail: (code) => verificationMail(locale, email, ctx.config.SESAME_MAIL_FROM, code),
    },
  );
  if (sent.ok) ctx.mailQueued();
  return sent;
}

/** Step 4 (existing addresses only): the emailed code, the marketing choice and the terms. */
export function registerCodeRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const codeLength = ctx.config.SESAME_CODE_LENGTH;

  app.get("/signup/code", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "code");
    if (!attempt) return reply;
    return codePage(request, reply, { email: attempt.state.email ?? "", codeLength });
  });

  app.post("/signup/code", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "code");
    if (!attempt) return reply;
    const form = parseInput(codeForm, request.body);
    const email = attempt.state.email ?? "";
    const t = tr(request);
    const marketing = form.marketing === "yes";
    if (!form.code.trim()) {
      await countRefusal(ctx, attempt);
      return codePage(request, reply, {
        email,
        codeLength,
        marketing,
        error: t("signup.code.empty"),
        status: 400,
      });
    }
    const checked = await verifyCode(
      { db: ctx.db, rules: defaultCodeRules(codeLength), key: codeKey(ctx.config) },
      { purpose: "signup", address: email, subject: attempt.id, code: form.code },
    );
    if (!checked.ok) {
      await countRefusal(ctx, attempt);
      const error =
        checked.reason === "wrong"
          ? t("signup.code.wrong", { tries: checked.triesLeft })
          : t(`signup.code.${checked.reason}`);
      const status = checked.reason === "expired" ? 410 : checked.reason === "burned" ? 429 : 400;
      return codePage(request, reply, { email, codeLength, marketing, error, status });
    }
    const state = { ...withVerifiedEmail(attempt.state, Date.now(), marketing), language: request.locale };
    await saveAttempt(ctx.db, attempt.id, state);
    return reply.redirect(stepPath.challenge, 303);
  });

  app.post("/signup/code/resend", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "code");
    if (!attempt) return reply;
    const email = attempt.state.email ?? "";
    const t = tr(request);
    const sent = await sendVerificationCode(ctx, request.locale, attempt.id, email);
    if (!sent.ok) {
      await countRefusal(ctx, attempt);
      const resendError =
        sent.reason === "tooSoon"
          ? t("signup.code.tooSoon", { seconds: sent.retryInSeconds })
          : t("signup.code.dailyLimit");
      return codePage(request, reply, { email, codeLength, resendError, status: 429 });
    }
    return codePage(request, reply, { email, codeLength, notice: t("signup.code.resent", { email }) });
  });
}
