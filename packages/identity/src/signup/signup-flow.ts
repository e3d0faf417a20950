import { hostCookieOptions } from "@sesame/kit/http/cookies";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { IdentityContext } from "../context";
import { tr } from "../ui/page";
import { countSubmission, deleteAttempt, loadAttempt, type SignupAttempt } from "./signup-queries";
import { MAX_SUBMISSIONS, nextStep, type Step, stepAllowed } from "./signup-state";
import { flowErrorPage } from "./views/flow-pages";

export const SIGNUP_COOKIE = "__Host-signup";

export const stepPath: Record<Step, string> = {
  email: "/signup",
  password: "/signup/password",
  profile: "/signup/profile",
  code: "/signup/code",
  challenge: "/signup/challenge",
};

export function setSignupCookie(reply: FastifyReply, token: string, ttlMinutes: number): void {
  reply.setCookie(SIGNUP_COOKIE, token, hostCookieOptions(ttlMinutes * 60));
}

export function clearSignupCookie(reply: FastifyReply): void {
  reply.clearCookie(SIGNUP_COOKIE, hostCookieOptions());
}

/**
 * The attempt behind a page of the wizard, or undefined once this function has answered: a GET
 * is sent to the step the state allows (or back to the start when nothing is in progress); a POST
 * out of order is refused with a page that says why, and nothing is written.
 */
export async function attemptFor(
  ctx: IdentityContext,
  request: FastifyRequest,
  reply: FastifyReply,
  step: Step,
): Promise<SignupAttempt | undefined> {
  const loaded = await loadAttempt(ctx.db, request.cookies[SIGNUP_COOKIE]);
  const isPost = request.method === "POST";
  if (loaded.kind !== "active") {
    if (loaded.kind === "expired") clearSignupCookie(reply);
    if (!isPost) {
      reply.redirect(loaded.kind === "expired" ? "/signup?expired=1" : "/signup", 303);
      return undefined;
    }
    const key = loaded.kind === "expired" ? "signup.expired" : "signup.notStarted";
    flowErrorPage(request, reply, {
      message: tr(request)(key),
      status: loaded.kind === "expired" ? 410 : 409,
    });
    return undefined;
  }
  const { attempt } = loaded;
  if (!stepAllowed(attempt.state, step)) {
    const allowed = nextStep(attempt.state);
    if (!isPost) {
      reply.redirect(stepPath[allowed], 303);
      return undefined;
    }
    const t = tr(request);
    flowErrorPage(request, reply, {
      message: t("signup.outOfOrder", { step: t(`signup.step.${allowed}`) }),
      status: 409,
      resume: stepPath[allowed],
    });
    return undefined;
  }
  if (isPost) {
    if (attempt.submissions >= MAX_SUBMISSIONS) {
      await deleteAttempt(ctx.db, attempt.id);
      clearSignupCookie(reply);
      flowErrorPage(request, reply, { message: tr(request)("signup.tooMany"), status: 429 });
      return undefined;
    }
  }
  return attempt;
}

/** A refused submission still counts towards the attempt's limit. */
export const countRefusal = (ctx: IdentityContext, attempt: SignupAttempt) =>
  countSubmission(ctx.db, attempt.id);
