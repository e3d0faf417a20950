import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { emailIsTaken } from "../accounts/account-queries";
import { emailDomain, looksLikeEmail } from "../accounts/email";
import type { IdentityContext } from "../context";
import type { T } from "../i18n/messages";
import { tenantOfDomain } from "../tenants/tenant-queries";
import { tr } from "../ui/page";
import { type Availability, newAddressAvailability } from "./address-availability";
import { parseInput } from "./form-input";
import { acceptReturnUrl } from "./return-url";
import { attemptFor, SIGNUP_COOKIE, setSignupCookie } from "./signup-flow";
import { createAttempt, loadAttempt, newAttemptToken, saveAttempt } from "./signup-queries";
import { initialState, withEmail } from "./signup-state";
import { emailPage } from "./views/email-page";

const startQuery = z.object({
  new: z.string().optional(),
  name: z.string().max(64).optional(),
  domain: z.string().max(64).optional(),
  email: z.string().max(254).optional(),
  return_url: z.string().max(2048).optional(),
  expired: z.string().optional(),
});
const emailForm = z.object({
  mode: z.enum(["existing", "new"]).default("existing"),
  email: z.string().max(254).default(""),
  name: z.string().max(128).default(""),
  domain: z.string().max(64).default(""),
  return_url: z.string().max(2048).optional(),
});
const availabilityQuery = z.object({
  name: z.string().max(128).default(""),
  domain: z.string().max(64).default(""),
});

export function availabilityMessage(t: T, answer: Availability): string {
  if (answer.available) return t("signup.name.available", { email: answer.email });
  switch (answer.reason) {
    case "empty":
      return t("signup.name.empty");
    case "invalid":
      return t("signup.name.invalid");
    case "reserved":
      return t("signup.name.reserved", { email: answer.email });
    case "domain":
      return t("signup.domain.invalid");
    default:
      return t("signup.name.taken", { email: answer.email });
  }
}

/** Step 1 and the live availability check of new addresses. */
export function registerEmailRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const domains = ctx.config.SESAME_CONSUMER_DOMAINS;

  app.get("/signup", async (request, reply) => {
    const q = parseInput(startQuery, request.query);
    const loaded = await loadAttempt(ctx.db, request.cookies[SIGNUP_COOKIE]);
    const state = loaded.kind === "active" ? loaded.attempt.state : undefined;
    const returnUrl = (await acceptReturnUrl(ctx.db, q.return_url)) ?? state?.returnUrl;
    const wantsNew = q.new !== undefined || (state?.newAddress === true && q.email === undefined);
    const [stateName, stateDomain] = state?.newAddress ? (state.email ?? "").split("@") : [];
    return emailPage(request, reply, {
      mode: wantsNew ? "new" : "existing",
      email: q.email ?? (state && !state.newAddress ? state.email : undefined),
      name: q.name ?? stateName,
      domain: (q.domain && domains.includes(q.domain) ? q.domain : undefined) ?? stateDomain ?? domains[0],
      domains,
      ...(returnUrl ? { returnUrl } : {}),
      ...(q.expired !== undefined || loaded.kind === "expired"
        ? { notice: tr(request)("signup.expired") }
        : {}),
    });
  });

  app.get("/signup/availability", async (request, reply) => {
    const seen = await ctx.counters.increment(`signup-availability:${request.ip}`, 60_000);
    if (seen > 60) return reply.code(429).send({ error: tr(request)("error.tooMany") });
    const q = parseInput(availabilityQuery, request.query);
    const t = tr(request);
    const answer = await newAddressAvailability(ctx.db, domains, q.name, q.domain);
    return reply.header("cache-control", "no-store").send({
      available: answer.available,
      email: answer.email,
      ...(answer.available ? {} : { reason: answer.reason }),
      message: availabilityMessage(t, answer),
      suggestions: answer.available ? [] : answer.suggestions,
      suggestionsLabel: t("signup.name.suggestions"),
    });
  });

  app.post("/signup/email", async (request, reply) => {
    const form = parseInput(emailForm, request.body);
    const t = tr(request);
    const returnUrl = await acceptReturnUrl(ctx.db, form.return_url);
    const base = { domains, ...(returnUrl ? { returnUrl } : {}) };
    const existing = await loadAttempt(ctx.db, request.cookies[SIGNUP_COOKIE]);

    let email: string;
    let newAddress: boolean;
    const asNew =
      form.mode === "new" || (looksLikeEmail(form.email) && domains.includes(emailDomain(form.email)));
    if (asNew) {
      const [name, domain] =
        form.mode === "new" ? [form.name, form.domain] : (form.email.trim().split("@") as [string, string]);
      const answer = await newAddressAvailability(ctx.db, domains, name, domain);
      if (!answer.available) {
        const status = answer.reason === "taken" ? 409 : 400;
        if (answer.reason === "taken" && form.mode === "existing")
          return takenPage(request, reply, t, form.email, base);
        return emailPage(request, reply, {
          ...base,
          mode: "new",
          name,
          domain: domains.includes(domain) ? domain : domains[0],
          error: availabilityMessage(t, answer),
          suggestions: answer.suggestions,
          status,
        });
      }
      email = answer.email;
      newAddress = true;
    } else {
      if (!looksLikeEmail(form.email)) {
        return emailPage(request, reply, {
          ...base,
          mode: "existing",
          email: form.email,
          error: t("signup.email.invalid"),
          status: 400,
        });
      }
      email = form.email.trim();
      if (await emailIsTaken(ctx.db, email)) return takenPage(request, reply, t, email, base);
      // As at Microsoft: no personal account on a domain an organization has verified.
      const organization = await tenantOfDomain(ctx.db, emailDomain(email));
      if (organization) {
        return emailPage(request, reply, {
          ...base,
          mode: "existing",
          email: form.email,
          error: t("signup.email.workDomain", { email, organization: organization.display_name }),
          status: 400,
        });
      }
      newAddress = false;
    }

    if (existing.kind === "active") {
      const attempt = await attemptFor(ctx, request, reply, "email");
      if (!attempt) return reply;
      const state = { ...withEmail(attempt.state, email, newAddress), language: request.locale };
      await saveAttempt(ctx.db, attempt.id, returnUrl ? { ...state, returnUrl } : state);
    } else {
      const token = newAttemptToken();
      const state = withEmail(initialState(request.locale, returnUrl), email, newAddress);
      await createAttempt(ctx.db, token, state, ctx.config.SESAME_SIGNUP_TTL_MINUTES * 60_000);
      setSignupCookie(reply, token, ctx.config.SESAME_SIGNUP_TTL_MINUTES);
    }
    return reply.redirect("/signup/password", 303);
  });
}

export function takenPage(
  request: FastifyRequest,
  reply: FastifyReply,
  t: T,
  email: string,
  base: { domains: readonly string[]; returnUrl?: string },
) {
  const hint = encodeURIComponent(email.trim());
  const error = html`<p>${t("signup.email.taken", { email: email.trim() })}</p>
<p><a href="/login?login_hint=${hint}">${t("signup.email.signIn")}</a> ·
<a href="/password/reset?login_hint=${hint}">${t("signup.email.resetPassword")}</a></p>`;
  return emailPage(request, reply, { ...base, mode: "existing", email, error, status: 409 });
}
