import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { countryAndBirthDateFields, type ProfileFieldValues } from "../../countries/profile-fields";
import { sendPage, tr } from "../../ui/page";
import { backLink, nextButton, postForm } from "./frame";

export interface ProfileInput extends ProfileFieldValues {
  readonly email: string;
  readonly status?: number;
}

/** Step 3: Pays/région and Date de naissance. */
export function profilePage(request: FastifyRequest, reply: FastifyReply, input: ProfileInput) {
  const t = tr(request);
  const body = html`${backLink(t, "/signup/password", input.email)}
<h1>${t("signup.title")}</h1>
<p>${t("signup.profile.lead")}</p>
${postForm(
  reply,
  "/signup/profile",
  html`${countryAndBirthDateFields(t, request.locale, input)}
${nextButton(t)}`,
)}`;
  return sendPage(request, reply, { title: t("signup.title"), body, status: input.status ?? 200 });
}
