import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendPage, tr } from "../../ui/page";

/** Why a submission could not be taken (expired, out of order, too many), and where to go now. */
export function flowErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { message: string; status: number; resume?: string },
) {
  const t = tr(request);
  const link = input.resume
    ? html`<a class="button primary" href="${input.resume}">${t("signup.resume")}</a>`
    : html`<a class="button primary" href="/signup">${t("signup.restart")}</a>`;
  return sendPage(request, reply, {
    title: t("signup.title"),
    status: input.status,
    body: html`<h1>${t("signup.title")}</h1>
<p class="error" role="alert">${input.message}</p>
<div class="actions">${link}</div>`,
  });
}

export function underagePage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { countryName: string; age: number },
) {
  const t = tr(request);
  return sendPage(request, reply, {
    title: t("signup.underage.title"),
    status: 403,
    body: html`<h1>${t("signup.underage.title")}</h1>
<p role="alert">${t("signup.underage.body", { country: input.countryName, age: input.age })}</p>
<p>${t("signup.underage.nothingKept")}</p>
<div class="actions"><a class="button secondary" href="/">${t("error.back")}</a></div>`,
  });
}

export function readyPage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; continueTo: string },
) {
  const t = tr(request);
  return sendPage(request, reply, {
    title: t("signup.ready.title"),
    body: html`<h1>${t("signup.ready.title")}</h1>
<p role="status">${t("signup.ready.body", { email: input.email })}</p>
<div class="actions"><a class="button primary" href="${input.continueTo}">${t("signup.ready.continue")}</a></div>`,
  });
}
