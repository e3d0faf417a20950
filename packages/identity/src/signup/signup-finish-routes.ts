import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { antiRobotSecret, createAntiRobot } from "../antirobot/altcha";
import { difficultyRules } from "../antirobot/difficulty";
import { usedSolutionsIn } from "../antirobot/used-solutions";
import type { IdentityContext } from "../context";
import { activeSessions, PERSISTENT_MS, SESSION_COOKIE, sessionCookieOptions } from "../sessions/sessions";
import { tr } from "../ui/page";
import { createPersonalAccount } from "./create-account";
import { parseInput } from "./form-input";
import { takenPage } from "./signup-email-routes";
import { attemptFor, clearSignupCookie, countRefusal, stepPath } from "./signup-flow";
import { welcomeMail } from "./signup-mails";
import { saveAttempt } from "./signup-queries";
import { challengePage } from "./views/challenge-page";
import { readyPage } from "./views/flow-pages";

const challengeForm = z.object({ altcha: z.string().max(8192).optional() });

/** Step 5 (the proof of work) and the creation of the account, then "Votre compte est prêt". */
export function registerFinishRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const antiRobot = createAntiRobot({
    secret: antiRobotSecret(ctx.config),
    counters: ctx.counters,
    used: usedSolutionsIn(ctx.db),
    rules: difficultyRules(ctx.config.SESAME_ALTCHA_MAX_NUMBER),
  });
  const backFrom = (newAddress: boolean) => (newAddress ? stepPath.profile : stepPath.code);

  app.get("/signup/altcha/challenge", async (request, reply) => {
    const challenge = await antiRobot.challenge(request.ip);
    return reply.header("cache-control", "no-store").send(challenge);
  });

  app.get("/signup/challenge", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "challenge");
    if (!attempt) return reply;
    return challengePage(request, reply, {
      email: attempt.state.email ?? "",
      back: backFrom(attempt.state.newAddress),
    });
  });

  app.post("/signup/challenge", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "challenge");
    if (!attempt) return reply;
    const { state } = attempt;
    const t = tr(request);
    const email = state.email ?? "";
    const proof = await antiRobot.verify(parseInput(challengeForm, request.body).altcha);
    if (!proof.ok) {
      await countRefusal(ctx, attempt);
      const status = proof.reason === "replayed" ? 409 : 400;
      return challengePage(request, reply, {
        email,
        back: backFrom(state.newAddress),
        error: t(`signup.challenge.${proof.reason}`),
        status,
      });
    }
    if (!state.email || !state.passwordHash || !state.country || !state.birthDate) {
      return reply.redirect(stepPath.email, 303);
    }
    const created = await createPersonalAccount(ctx.db, {
      attemptId: attempt.id,
      state: {
        ...state,
        email: state.email,
        passwordHash: state.passwordHash,
        country: state.country,
        birthDate: state.birthDate,
      },
      language: request.locale,
      welcome: welcomeMail(request.locale, state.email, ctx.config.SESAME_MAIL_FROM, ctx.origin),
      browser: {
        heldToken: request.cookies[SESSION_COOKIE],
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? "",
      },
    });
    if (!created.ok) {
      // Someone finished with this address first: this attempt goes back to the address step.
      const { email: _taken, passwordHash: _hash, ...rest } = state;
      await saveAttempt(ctx.db, attempt.id, { ...rest, newAddress: false });
      return takenPage(request, reply, t, email, {
        domains: ctx.config.SESAME_CONSUMER_DOMAINS,
        ...(state.returnUrl ? { returnUrl: state.returnUrl } : {}),
      });
    }
    ctx.mailQueued();
    clearSignupCookie(reply);
    const { browserToken } = created;
    // A new browser token at every sign-in (session fixation); a browser-session cookie, as a
    // sign-in without "Stay signed in" gets, unless an account already on it stays signed in longer.
    const persistent = (await activeSessions(ctx.db, browserToken)).some((s) => s.persistent);
    reply.setCookie(
      SESSION_COOKIE,
      browserToken,
      sessionCookieOptions(persistent ? PERSISTENT_MS / 1000 : undefined),
    );
    // Opened from an application (the portal's guide): straight back to it, signed in, as
    // signup.live.com does with its return address; no "Continuer" to click.
    if (state.returnUrl) return reply.redirect(state.returnUrl, 303);
    return readyPage(request, reply, { email, continueTo: "/account" });
  });
}
