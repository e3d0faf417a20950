import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { argon2Settings } from "../accounts/argon2-settings";
import { hashPassword } from "../accounts/password-hash";
import { forgetCodes } from "../codes/codes";
import type { IdentityContext } from "../context";
import { ageOfConsent, parseAgeOverrides } from "../countries/age-of-consent";
import { ageOn, birthDateFromForm, birthDateProblem, isoDate } from "../countries/birth-date";
import { countryList, defaultCountry, isCountryCode } from "../countries/countries";
import { passwordProblem } from "../passwords/password-policy";
import { tr } from "../ui/page";
import { parseInput } from "./form-input";
import { sendVerificationCode } from "./signup-code-routes";
import { attemptFor, clearSignupCookie, countRefusal, stepPath } from "./signup-flow";
import { deleteAttempt, saveAttempt } from "./signup-queries";
import { withPassword, withProfile } from "./signup-state";
import { underagePage } from "./views/flow-pages";
import { passwordPage } from "./views/password-page";
import { profilePage } from "./views/profile-page";

const MAX_PASSWORD_LENGTH = 256;
const passwordForm = z.object({ password: z.string().max(4096).default("") });
const profileForm = z.object({
  country: z.string().max(8).default(""),
  year: z.string().max(8).default(""),
  month: z.string().max(4).default(""),
  day: z.string().max(4).default(""),
});

/** Steps 2 and 3: the password (kept only as its argon2id hash) and country + birth date. */
export function registerProfileRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const minLength = ctx.config.SESAME_PASSWORD_MIN_LENGTH;
  const ageOverrides = parseAgeOverrides(ctx.config.SESAME_AGE_OF_CONSENT);

  app.get("/signup/password", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "password");
    if (!attempt) return reply;
    return passwordPage(request, reply, { email: attempt.state.email ?? "", minLength });
  });

  app.post("/signup/password", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "password");
    if (!attempt) return reply;
    const { password } = parseInput(passwordForm, request.body);
    const email = attempt.state.email ?? "";
    const problem = await passwordProblem(password, { minLength, maxLength: MAX_PASSWORD_LENGTH }, { email });
    if (problem) {
      await countRefusal(ctx, attempt);
      const t = tr(request);
      const error = t(`signup.password.${problem}`, { min: minLength, max: MAX_PASSWORD_LENGTH });
      return passwordPage(request, reply, { email, minLength, error, status: 400 });
    }
    const passwordHash = await hashPassword(password, argon2Settings(ctx.config));
    await saveAttempt(ctx.db, attempt.id, {
      ...withPassword(attempt.state, passwordHash),
      language: request.locale,
    });
    return reply.redirect(stepPath.profile, 303);
  });

  app.get("/signup/profile", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "profile");
    if (!attempt) return reply;
    const [year, month, day] = (attempt.state.birthDate ?? "").split("-");
    return profilePage(request, reply, {
      email: attempt.state.email ?? "",
      country: attempt.state.country ?? defaultCountry(request.headers["accept-language"]),
      ...(attempt.state.birthDate ? { year, month: String(Number(month)), day: String(Number(day)) } : {}),
    });
  });

  app.post("/signup/profile", async (request, reply) => {
    const attempt = await attemptFor(ctx, request, reply, "profile");
    if (!attempt) return reply;
    const form = parseInput(profileForm, request.body);
    const t = tr(request);
    const country = form.country.toUpperCase();
    const parts = birthDateFromForm(form);
    const today = new Date();
    const dateProblem = birthDateProblem(parts, today);
    const countryOk = isCountryCode(country);
    if (dateProblem || !countryOk) {
      await countRefusal(ctx, attempt);
      return profilePage(request, reply, {
        email: attempt.state.email ?? "",
        country: countryOk ? country : defaultCountry(request.headers["accept-language"]),
        year: form.year,
        month: form.month,
        day: form.day,
        ...(countryOk ? {} : { countryError: t("signup.profile.countryInvalid") }),
        ...(dateProblem ? { dateError: t(`signup.birth.${dateProblem}`) } : {}),
        status: 400,
      });
    }
    const birth = { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0 };
    const minimumAge = ageOfConsent(country, ageOverrides);
    if (ageOn(birth, today) < minimumAge) {
      // Nothing is kept about a child: the attempt, its codes and the cookie go now.
      await forgetCodes(ctx.db, "signup", attempt.id);
      await deleteAttempt(ctx.db, attempt.id);
      clearSignupCookie(reply);
      const countryName = countryList(request.locale).find((c) => c.code === country)?.name ?? country;
      return underagePage(request, reply, { countryName, age: minimumAge });
    }
    const state = { ...withProfile(attempt.state, country, isoDate(birth)), language: request.locale };
    await saveAttempt(ctx.db, attempt.id, state);
    if (state.newAddress) return reply.redirect(stepPath.challenge, 303);
    if (state.emailVerifiedAt === undefined)
      await sendVerificationCode(ctx, request.locale, attempt.id, state.email ?? "");
    return reply.redirect(stepPath[state.emailVerifiedAt === undefined ? "code" : "challenge"], 303);
  });
}
