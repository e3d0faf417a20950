import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendPage, tr } from "../../ui/page";
import { backLink, errorBlock, nextButton, postForm } from "./frame";

/** Step 2, the seed's "Créer un mot de passe" with "Afficher le mot de passe". */
export function passwordPage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; minLength: number; error?: string; status?: number },
) {
  const t = tr(request);
  const described = input.error ? "password-error password-hint" : "password-hint";
  const body = html`${backLink(t, "/signup", input.email)}
<h1>${t("signup.password.title")}</h1>
<p>${t("signup.password.lead")}</p>
${postForm(
  reply,
  "/signup/password",
  html`<input type="text" name="username" value="${input.email}" autocomplete="username" hidden>
<label for="password">${t("signup.password.label")}</label>
<input id="password" name="password" type="password" autocomplete="new-password" required autofocus
 aria-invalid="${input.error ? "true" : "false"}" aria-describedby="${described}">
${errorBlock("password", input.error)}
<p class="muted" id="password-hint">${t("signup.password.hint", { min: input.minLength })}</p>
<div class="check"><input type="checkbox" id="show-password" data-toggle-password="password"><label for="show-password">${t("signup.password.show")}</label></div>
${nextButton(t)}`,
)}`;
  return sendPage(request, reply, { title: t("signup.password.title"), body, status: input.status ?? 200 });
}
