import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmParams, staffOnly } from "../firms/firm-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import type { NotificationKind } from "../storage/notification-tables";
import { formBody, optionalText, queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { markAllNotificationsRead, saveNotificationPreferences } from "./notification-operations";
import { notificationsOf, preferenceOf } from "./notification-queries";
import { mutedKindsOf, NOTIFICATION_KINDS } from "./notification-rules";

const kindFields = {
  on_invitation_accepted: optionalText,
  on_account_created: optionalText,
  on_approval_granted: optionalText,
  on_approval_requested: optionalText,
} satisfies Record<`on_${NotificationKind}`, typeof optionalText>;
const preferencesBody = formBody({ ...kindFields, language: z.enum(["fr", "en"]) });

/** A staff member's notifications, newest first, and their e-mail choices: /{firm}/notifications. */
export function registerNotificationRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/:firm/notifications",
    { schema: { params: firmParams, querystring: z.object({ done: queryText }) } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async ({ firm, staff }) => {
        const t = tr(request);
        const lines = await notificationsOf(ctx.db, staff.id);
        const preference = await preferenceOf(ctx.db, staff.id);
        const muted = mutedKindsOf(preference?.muted_kinds);
        const language = preference?.language ?? request.locale;
        const unread = lines.filter((l) => l.read_at === null).length;
        const done = request.query.done;
        const base = `/${firm.code}`;
        return sendPage(request, reply, {
          title: t("notify.title"),
          nav: firmNav(t, firm, { ...staff, unread }),
          body: html`<h1>${t("notify.title")}</h1>
${done === "read" ? html`<p role="status" class="notice flash">${t("notify.marked")}</p>` : ""}
${done === "saved" ? html`<p role="status" class="notice flash">${t("notify.pref.saved")}</p>` : ""}
<p>${t("notify.lead")}</p>
<p role="status">${unread === 0 ? t("notify.count.none") : t("notify.count.some", { count: unread })}</p>
${
  unread === 0
    ? ""
    : html`<form method="post" action="${base}/notifications/read">${csrfField(reply)}<button type="submit" class="secondary">${t("notify.markAll")}</button></form>`
}
${
  lines.length === 0
    ? html`<p>${t("notify.empty")}</p>`
    : html`<ul class="onboarding-rows notifications">${lines.map(
        (l) =>
          html`<li${l.read_at === null ? html` class="unread"` : ""}>${l.read_at === null ? html`<strong class="badge">${t("notify.unread")}</strong> ` : ""}<span class="muted">${formatDate(l.created_at, request.locale)}</span> · <a href="${base}/interlocuteurs/${l.contact_id}">${t(`notify.kind.${l.kind}`, { name: `${l.first_name} ${l.last_name}` })}</a></li>`,
      )}</ul>`
}
<h2 id="preferences">${t("notify.pref.title")}</h2>
<p>${t("notify.pref.lead")}</p>
<form method="post" action="${base}/notifications/preferences">${csrfField(reply)}
<fieldset><legend>${t("notify.pref.kinds")}</legend>
${NOTIFICATION_KINDS.map(
  (k) =>
    html`<label class="inline"><input type="checkbox" name="on_${k}" value="1"${muted.has(k) ? "" : html` checked`}> ${t(`notify.pref.${k}`)}</label>`,
)}
</fieldset>
<label for="n-language">${t("notify.pref.language")}</label>
<select id="n-language" name="language"><option value="fr"${language === "fr" ? html` selected` : ""} lang="fr">Français</option><option value="en"${language === "en" ? html` selected` : ""} lang="en">English</option></select>
<button type="submit" class="primary">${t("notify.pref.save")}</button>
</form>`,
        });
      }),
  );
  app.post(
    "/:firm/notifications/read",
    { schema: { params: firmParams, body: formBody({}) } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        await markAllNotificationsRead(ctx, who);
        return reply.redirect(`/${who.firm.code}/notifications?done=read`, 303);
      }),
  );
  app.post(
    "/:firm/notifications/preferences",
    { schema: { params: firmParams, body: preferencesBody } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const muted = NOTIFICATION_KINDS.filter((k) => request.body[`on_${k}`] !== "1");
        await saveNotificationPreferences(ctx, who, { muted, language: request.body.language });
        return reply.redirect(`/${who.firm.code}/notifications?done=saved#preferences`, 303);
      }),
  );
}
