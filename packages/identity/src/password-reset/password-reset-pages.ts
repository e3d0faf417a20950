import { csrfField, describedBy, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendPage, tr } from "../ui/page";

export function emailStepPage(
  request: FastifyRequest,
  reply: FastifyReply,
  state: { email: string; error?: string | undefined },
  status = 200,
) {
  const t = tr(request);
  const body = html`<h1>${t("reset.title")}</h1>
<p>${t("reset.lead")}</p>
<form method="post" action="/password/reset" novalidate>${csrfField(reply)}
<label for="email">${t("reset.email")}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${state.email}"
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("email", state.error)}">
${fieldError("email", state.error)}
<div class="actions"><button class="primary" type="submit">${t("reset.next")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("reset.title"), body, status });
}

export function codeStepPage(
  request: FastifyRequest,
  reply: FastifyReply,
  state: { email: string; notice?: string | undefined; error?: string | undefined },
  status = 200,
) {
  const t = tr(request);
  const body = html`<h1>${t("reset.codeTitle")}</h1>
<p role="status">${state.notice ?? t("reset.sent", { email: state.email })}</p>
<p class="muted">${t("reset.junk")}</p>
<form method="post" action="/password/reset/code" novalidate>${csrfField(reply)}
<label for="code">${t("reset.code")}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("code", state.error)}">
${fieldError("code", state.error)}
<div class="actions"><button class="primary" type="submit">${t("reset.next")}</button></div>
</form>
<form method="post" action="/password/reset/resend">${csrfField(reply)}
<button class="linkish" type="submit">${t("reset.resend")}</button></form>`;
  return sendPage(request, reply, { title: t("reset.codeTitle"), body, status });
}

export function newPasswordPage(
  request: FastifyRequest,
  reply: FastifyReply,
  state: { email: string; error?: string | undefined },
  status = 200,
) {
  const t = tr(request);
  const body = html`<p class="identity">${state.email}</p>
<h1>${t("reset.newTitle")}</h1>
<form method="post" action="/password/reset/new" novalidate>${csrfField(reply)}
<input type="hidden" name="username" autocomplete="username" value="${state.email}">
<label for="password">${t("reset.newLabel")}</label>
<input id="password" name="password" type="password" autocomplete="new-password" required autofocus
 aria-invalid="${state.error ? "true" : "false"}" aria-describedby="${describedBy("password", state.error)}">
${fieldError("password", state.error)}
<div class="check"><input type="checkbox" id="show-password" data-toggle-password="password"><label for="show-password">${t("reset.show")}</label></div>
<div class="actions"><button class="primary" type="submit">${t("reset.next")}</button></div>
</form>`;
  return sendPage(request, reply, { title: t("reset.newTitle"), body, status });
}

export function messagePage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: {
    title: string;
    text: string;
    link: { href: string; label: string };
    status?: number;
    alert?: boolean;
  },
) {
  const body = html`<h1>${page.title}</h1>
${page.alert ? html`<p class="error" role="alert">${page.text}</p>` : html`<p role="status">${page.text}</p>`}
<p><a href="${page.link.href}">${page.link.label}</a></p>`;
  return sendPage(request, reply, { title: page.title, body, status: page.status ?? 200 });
}
