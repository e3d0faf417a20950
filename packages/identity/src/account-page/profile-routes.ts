import { formBody } from "@sesame/kit/http/form-body";
import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { ageOfConsent, parseAgeOverrides } from "../countries/age-of-consent";
import { ageOn, birthDateFromForm, birthDateProblem, isoDate } from "../countries/birth-date";
import { isCountryCode } from "../countries/countries";
import type { ActiveSession } from "../sessions/sessions";
import { findTenant } from "../tenants/tenant-queries";
import { sendPage, tr } from "../ui/page";
import { accountHolder } from "./account-holder";
import { marketingHistory, updateOwnLanguage, updateOwnProfile } from "./profile-operations";
import { type ProfileForm, profileForm, storedProfile } from "./profile-page";

const text = (max: number) => z.string().max(max).catch("");
const profileBody = formBody({
  sid: z.string().min(1).max(64),
  givenName: text(64),
  familyName: text(64),
  country: text(8),
  year: text(4),
  month: text(2),
  day: text(2),
  language: z.enum(["fr", "en"]).catch("fr"),
  marketing: z.string().max(8).optional(),
});
// Letters, marks, spaces, apostrophes, hyphens and dots: what names are made of, nothing invisible.
const NAME = /^[\p{L}\p{M}' .-]+$/u;

/** "Modifier votre profil" on the account page. */
export function registerProfileRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ageOverrides = parseAgeOverrides(ctx.config.SESAME_AGE_OF_CONSENT);
  const toLogin = (reply: FastifyReply) =>
    reply.redirect(`/login?return=${encodeURIComponent("/account/profile")}`, 303);

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    holder: ActiveSession,
    form: ProfileForm,
    status = 200,
  ) {
    const t = tr(request);
    const { account } = holder;
    const organization =
      account.kind === "work" ? (await findTenant(ctx.db, account.tenant_id))?.display_name : undefined;
    const body = html`<p><a href="/account?sid=${encodeURIComponent(holder.id)}">← ${t("account.title")}</a></p>
<h1>${t("account.profile.title")}</h1>
${profileForm(t, request.locale, csrfField(reply), {
  sid: holder.id,
  account,
  organization,
  form,
  history: await marketingHistory(ctx, account.id),
})}`;
    return sendPage(request, reply, { title: t("account.profile.title"), body, status });
  }

  api.get(
    "/account/profile",
    { schema: { querystring: z.object({ sid: z.string().max(64).optional().catch(undefined) }) } },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.query.sid);
      if (!holder) return toLogin(reply);
      return page(request, reply, holder, storedProfile(holder.account));
    },
  );

  api.post("/account/profile", { schema: { body: profileBody } }, async (request, reply) => {
    const holder = await accountHolder(ctx, request, request.body.sid);
    if (!holder) return toLogin(reply);
    const form = request.body;
    const saved = () =>
      reply.redirect(`/account?${new URLSearchParams({ sid: holder.id, done: "saved" })}`, 303);
    if (holder.account.kind === "work") {
      await updateOwnLanguage(ctx, holder.account.id, form.language);
      return saved();
    }
    const t = tr(request);
    const givenName = form.givenName.trim();
    const familyName = form.familyName.trim();
    const country = form.country.toUpperCase();
    const parts = birthDateFromForm(form);
    const today = new Date();
    const dateProblem = birthDateProblem(parts, today);
    const nameOk = NAME.test(givenName) && NAME.test(familyName);
    const countryOk = isCountryCode(country);
    const values: ProfileForm = {
      givenName,
      familyName,
      country: countryOk ? country : (holder.account.country ?? ""),
      year: form.year,
      month: form.month,
      day: form.day,
      language: form.language,
      marketing: form.marketing === "yes",
    };
    if (!nameOk || !countryOk || dateProblem)
      return page(
        request,
        reply,
        holder,
        {
          ...values,
          ...(nameOk ? {} : { nameError: t("account.profile.nameMissing") }),
          ...(countryOk ? {} : { countryError: t("signup.profile.countryInvalid") }),
          ...(dateProblem ? { dateError: t(`signup.birth.${dateProblem}`) } : {}),
        },
        400,
      );
    const birth = { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0 };
    const minimumAge = ageOfConsent(country, ageOverrides);
    if (ageOn(birth, today) < minimumAge)
      return page(
        request,
        reply,
        holder,
        { ...values, formError: t("account.profile.underage", { age: minimumAge }) },
        400,
      );
    await updateOwnProfile(ctx, holder.account.id, {
      givenName,
      familyName,
      country,
      birthDate: isoDate(birth),
      language: form.language,
      marketing: form.marketing === "yes",
    });
    return saved();
  });
}
