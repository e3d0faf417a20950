import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { runConsentRequestTimers } from "../consent-requests/consent-expiry-operations";
import {
  findAppRequest,
  listAppRequests,
  type UserConsentRequest,
  userRequestsOf,
} from "../consent-requests/consent-request-queries";
import { decideConsentRequest } from "../consent-requests/consent-review-operations";
import type { IdentityContext } from "../context";
import type { T } from "../i18n/messages";
import { tr } from "../ui/page";
import { asAdmin } from "./admin-guard";
import { doneNotice, formatTime, refusalProblem, sendAdminPage } from "./admin-page";
import { adminScreen } from "./admin-screen";
import type { AdminSession } from "./admin-session";

const idParams = z.object({ id: z.string().max(100) });
const denyForm = z.object({ justification: z.string().max(2000).optional() });

function statusText(t: T, r: UserConsentRequest, locale: string): string {
  if (r.status === "InProgress")
    return `${t("consentRequests.status.InProgress")} (${t("consentRequests.admin.until", { date: formatTime(Number(r.expires_at), locale) })})`;
  if (r.status === "Expired") return t("consentRequests.status.Expired");
  const by = r.reviewed_by_name ?? "";
  return r.review_result === "Approved"
    ? t("consentRequests.status.Approved", { by })
    : t("consentRequests.status.Denied", { by, reason: r.justification ?? "" });
}

/** Admin consent requests: every app users asked for, and a reviewer's approve / deny. */
export function registerConsentRequestsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  adminScreen(app, ctx, "/admin/consent-requests", async (request, _reply, admin) => {
    const t = tr(request);
    await runConsentRequestTimers(ctx);
    const apps = await listAppRequests(ctx.db, admin.tenant.id);
    const users = await userRequestsOf(
      ctx.db,
      apps.map((a) => a.id),
    );
    const rows = apps.map((a) => {
      const mine = users.filter((u) => u.app_request_id === a.id);
      const pending = mine.filter((u) => u.status === "InProgress").length;
      return html`<tr><td><a href="/admin/consent-requests/${a.id}" aria-label="${t("consentRequests.admin.open", { app: a.app_display_name })}">${a.app_display_name}</a></td>
<td>${mine.map((u) => html`${u.user_email}<br>`)}</td>
<td>${pending > 0 ? t("consentRequests.status.InProgress") : mine[0] ? statusText(t, mine[0], request.locale) : ""}</td></tr>`;
    });
    const body = html`<p>${t("consentRequests.admin.lead")}</p>
<p><a href="/admin/consent-requests/settings">${t("consentRequests.settings.title")}</a></p>
${
  apps.length === 0
    ? html`<p>${t("consentRequests.admin.none")}</p>`
    : html`<table><thead><tr><th scope="col">${t("consentRequests.admin.app")}</th><th scope="col">${t("consentRequests.admin.requestedBy")}</th>
<th scope="col">${t("consentRequests.admin.status")}</th></tr></thead><tbody>${rows}</tbody></table>`
}`;
    return { title: t("consentRequests.admin.title"), body };
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    admin: AdminSession,
    problem?: { message: string; status: number },
  ) => {
    const t = tr(request);
    const { id } = idParams.parse(request.params);
    await runConsentRequestTimers(ctx);
    const found = await findAppRequest(ctx.db, admin.tenant.id, id);
    if (!found)
      return sendAdminPage(request, reply, admin, {
        title: t("consentRequests.admin.title"),
        body: html``,
        problem: { message: t("directory.error.consentRequest.unknown"), status: 404 },
      });
    const users = await userRequestsOf(ctx.db, [found.id]);
    const pending = users.filter((u) => u.status === "InProgress");
    const scopes = [...new Set(pending.flatMap((u) => u.scopes.split(" ").filter(Boolean)))];
    const csrf = csrfField(reply);
    const rows = users.map(
      (
        u,
      ) => html`<tr><td>${u.user_name}<br><span class="muted">${u.user_email}</span></td><td>${u.reason}</td>
<td>${formatTime(Number(u.created_at), request.locale)}</td><td>${statusText(t, u, request.locale)}</td></tr>`,
    );
    const decide =
      pending.length === 0
        ? html``
        : html`<h2>${t("consentRequests.admin.permissions")}</h2><ul>${scopes.map((s) => html`<li>${s}</li>`)}</ul>
<form method="post" action="/admin/consent-requests/${found.id}/approve">${csrf}
<p>${t("consentRequests.admin.approveHint", { tenant: admin.tenant.display_name })}</p>
<div class="actions"><button class="primary" type="submit">${t("consentRequests.admin.approve")}</button></div></form>
<form method="post" action="/admin/consent-requests/${found.id}/deny">${csrf}
<label for="justification">${t("consentRequests.admin.denyReason")}</label>
<textarea id="justification" name="justification" rows="3" maxlength="500"></textarea>
<div class="actions"><button class="secondary" type="submit">${t("consentRequests.admin.deny")}</button></div></form>`;
    const body = html`<p><a href="/admin/consent-requests">${t("consentRequests.admin.title")}</a></p>
<table><thead><tr><th scope="col">${t("consentRequests.admin.requestedBy")}</th><th scope="col">${t("consentRequests.reason")}</th>
<th scope="col">${t("admin.logs.when")}</th><th scope="col">${t("consentRequests.admin.status")}</th></tr></thead><tbody>${rows}</tbody></table>
${decide}`;
    return sendAdminPage(request, reply, admin, {
      title: found.app_display_name,
      body,
      problem,
      notice: doneNotice(request),
    });
  };
  app.get(
    "/admin/consent-requests/:id",
    { schema: { params: idParams } },
    asAdmin(ctx, (q, r, a) => detail(q, r, a)),
  );

  for (const decision of ["approve", "deny"] as const)
    app.post(
      `/admin/consent-requests/:id/${decision}`,
      { schema: { params: idParams } },
      asAdmin(ctx, async (request, reply, admin) => {
        const { id } = idParams.parse(request.params);
        const form = denyForm.safeParse(request.body ?? {});
        if (!form.success)
          return detail(request, reply, admin, {
            message: tr(request)("directory.error.invalid"),
            status: 400,
          });
        try {
          await decideConsentRequest(ctx, {
            tenant: admin.tenant,
            reviewer: { id: admin.account.id, email: admin.account.email, roles: admin.roles },
            actor: admin.actor,
            appRequestId: id,
            decision,
            justification: form.data.justification,
          });
        } catch (error) {
          return detail(request, reply, admin, refusalProblem(request, error));
        }
        return reply.redirect(`/admin/consent-requests/${id}?done=1`, 303);
      }),
    );
}
