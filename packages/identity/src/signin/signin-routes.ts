import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { looksLikeEmail, normalizeEmail } from "../accounts/email";
import type { IdentityContext } from "../context";
import { hasSecondFactor } from "../factors/factor-queries";
import { registrationDemand } from "../factors/mfa-rules";
import { registrationAddress } from "../factors/registration-page";
import { checkCredentials } from "../lockout/credential-check";
import { lockoutText } from "../lockout/lockout-text";
import { logPasswordSignIn } from "../lockout/sign-in-log";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { tr } from "../ui/page";
import { realmOfDomainHint, realmOfEmail } from "./home-realm";
import { returnWithSid } from "./return-address";
import { askSecondFactor } from "./second-factor-step";
import { disabledPage, emailPage, passwordPage } from "./signin-pages";
import { startSession } from "./stay-signed-in";
import { updatePasswordPage } from "./update-password";

const text = (max: number) => z.string().max(max).optional().catch(undefined);
const loginQuery = z.object({
  return: text(2048),
  login_hint: text(254),
  domain_hint: text(254),
  prompt: text(64),
});
const emailForm = z.object({
  email: z.string().max(254).catch(""),
  return: text(2048),
  prompt: text(64),
  domain_hint: text(254),
});
const passwordForm = z.object({
  email: z.string().max(254).catch(""),
  password: z.string().max(1024).catch(""),
  return: text(2048),
});

const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> =>
  schema.parse(value && typeof value === "object" ? value : {});

/**
 * One login page for every flow (the OAuth endpoints send the browser here with `return`): email
 * first, then home-realm discovery, then password. Neither step says whether an account exists;
 * only a wrong pair is reported, with the same words and in similar time either way.
 */
export function registerSigninRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/login", async (request, reply) => {
    const q = parse(loginQuery, request.query);
    return emailPage(request, reply, {
      email: q.login_hint ?? "",
      returnTo: q.return,
      prompt: q.prompt,
      domainHint: q.domain_hint,
      realm: await realmOfDomainHint(ctx.db, q.domain_hint),
    });
  });

  app.post("/login", async (request, reply) => {
    const form = parse(emailForm, request.body);
    const email = form.email.trim();
    if (!looksLikeEmail(email)) {
      return emailPage(
        request,
        reply,
        {
          email: form.email,
          returnTo: form.return,
          prompt: form.prompt,
          domainHint: form.domain_hint,
          realm: await realmOfDomainHint(ctx.db, form.domain_hint),
          error: tr(request)("signin.emailInvalid"),
        },
        400,
      );
    }
    // Already signed in on this browser as that account: no password, unless prompt=login asks for one.
    if (form.prompt !== "login") {
      const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
      const same = sessions.find((s) => s.account.email_normalized === normalizeEmail(email));
      if (same) return reply.redirect(returnWithSid(form.return, same.id), 303);
    }
    return passwordPage(request, reply, {
      email,
      returnTo: form.return,
      realm: await realmOfEmail(ctx.db, email),
    });
  });

  app.post("/login/password", async (request, reply) => {
    const form = parse(passwordForm, request.body);
    const email = form.email.trim();
    const t = tr(request);
    const state = { email, returnTo: form.return, realm: await realmOfEmail(ctx.db, email) };
    const outcome = await checkCredentials(ctx, { email, password: form.password, source: request.ip });
    await logPasswordSignIn(ctx, request, email, outcome);
    switch (outcome.kind) {
      case "locked":
        return passwordPage(request, reply, { ...state, error: lockoutText(t, outcome.ms) }, 429);
      case "wrong":
        return passwordPage(request, reply, { ...state, error: t("signin.wrong") }, 400);
      case "busy":
        return passwordPage(request, reply, { ...state, error: t("error.tooMany") }, 429);
      case "disabled":
        return disabledPage(request, reply);
      case "ok":
        if (outcome.account.must_change_password === 1) return updatePasswordPage(request, reply, state);
        if (await hasSecondFactor(ctx.db, outcome.account.id)) {
          return askSecondFactor(ctx, request, reply, outcome.account, form.return);
        }
        // Security defaults: register a factor first (administrators must; plain users may skip for 14 days).
        if ((await registrationDemand(ctx.db, outcome.account.id)).kind !== "none") {
          return startSession(ctx, request, reply, outcome.account, registrationAddress(form.return));
        }
        return startSession(ctx, request, reply, outcome.account, form.return);
    }
  });
}
