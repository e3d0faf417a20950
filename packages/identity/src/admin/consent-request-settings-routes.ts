import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { setConsentRequestPolicy } from "../consent-requests/consent-request-operations";
import { readPolicy } from "../consent-requests/consent-request-queries";
import { roleReviewer, userReviewer } from "../consent-requests/consent-request-rules";
import type { IdentityContext } from "../context";
import { roleCatalogue } from "../roles/role-catalogue";
import { listWorkAccounts } from "../tenants/work-account-queries";
import { tr } from "../ui/page";
import { adminScreen } from "./admin-screen";

const many = z
  .union([z.string().max(300), z.array(z.string().max(300)).max(100)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const settingsForm = z.object({
  isEnabled: z.literal("1").optional(),
  notifyReviewers: z.literal("1").optional(),
  remindersEnabled: z.literal("1").optional(),
  requestDurationInDays: z.coerce.number().int().min(0).max(1000),
  reviewer: many,
});

/** The admin consent workflow's settings: Graph's adminConsentRequestPolicy, as a form. */
export function registerConsentRequestSettingsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const path = "/admin/consent-requests/settings";
  const screen = adminScreen(app, ctx, path, async (request, reply, admin) => {
    const t = tr(request);
    const policy = await readPolicy(ctx.db, admin.tenant.id);
    const chosen = new Set(policy.reviewers.map((r) => r.query));
    const users = await listWorkAccounts(ctx.db, admin.tenant.id);
    const box = (id: string, name: string, value: string, checked: boolean, label: string) =>
      html`<div class="check"><input type="checkbox" id="${id}" name="${name}" value="${value}"${checked ? html` checked` : html``}>
<label for="${id}">${label}</label></div>`;
    const reviewers = [
      ...roleCatalogue.map((r, i) => {
        const q = roleReviewer(r.id).query;
        return box(`role-${i}`, "reviewer", q, chosen.has(q), t(`role.${r.id}` as never));
      }),
      ...users.map((u, i) => {
        const q = userReviewer(u.id).query;
        return box(`user-${i}`, "reviewer", q, chosen.has(q), `${u.display_name} (${u.email})`);
      }),
    ];
    const body = html`<p><a href="/admin/consent-requests">${t("consentRequests.admin.title")}</a></p>
<form method="post" action="${path}">${csrfField(reply)}
${box("isEnabled", "isEnabled", "1", policy.isEnabled, t("consentRequests.settings.enabled"))}
<fieldset><legend>${t("consentRequests.settings.reviewers")}</legend>${reviewers}</fieldset>
${box("notifyReviewers", "notifyReviewers", "1", policy.notifyReviewers, t("consentRequests.settings.notify"))}
${box("remindersEnabled", "remindersEnabled", "1", policy.remindersEnabled, t("consentRequests.settings.reminders"))}
<label for="requestDurationInDays">${t("consentRequests.settings.duration")}</label>
<input id="requestDurationInDays" name="requestDurationInDays" type="number" min="1" max="30" value="${String(policy.requestDurationInDays || 30)}">
<p class="muted">${t("consentRequests.settings.version", { version: policy.version })}</p>
<div class="actions"><button class="primary" type="submit">${t("admin.save")}</button></div></form>`;
    return { title: t("consentRequests.settings.title"), body };
  });
  screen.action(path, {
    area: "applications",
    schema: settingsForm,
    run: (admin, form) =>
      setConsentRequestPolicy(ctx, admin.actor, admin.tenant, {
        isEnabled: form.isEnabled === "1",
        notifyReviewers: form.notifyReviewers === "1",
        remindersEnabled: form.remindersEnabled === "1",
        requestDurationInDays: form.requestDurationInDays,
        reviewers: form.reviewer.map((query) => ({ query, queryType: "MicrosoftGraph", queryRoot: null })),
      }),
    done: () => `${path}?done=1`,
  });
}
