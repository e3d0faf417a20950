import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmParams, type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText, queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { saveReminderSettings } from "./reminder-operations";
import { storedReminderDays } from "./reminder-queries";
import { parseReminderDays, reminderDaysOf } from "./reminder-rules";

/** The firm administrator's reminder schedule: /{firm}/rappels. */
export function registerReminderRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = ["admin"] as const;
  app.get(
    "/:firm/rappels",
    { schema: { params: firmParams, querystring: z.object({ saved: queryText }) } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        (who) => reminderPage(ctx, request, reply, who, { saved: request.query.saved === "1" }),
        admin,
      ),
  );
  app.post(
    "/:firm/rappels",
    { schema: { params: firmParams, body: formBody({ days: optionalText }) } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        async (who) => {
          const typed = request.body.days ?? "";
          const days = parseReminderDays(typed);
          if (!days) return reminderPage(ctx, request, reply, who, { invalid: typed });
          await saveReminderSettings(ctx, who, days);
          return reply.redirect(`/${who.firm.code}/rappels?saved=1`, 303);
        },
        admin,
      ),
  );
}

async function reminderPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  state: { saved?: boolean; invalid?: string },
) {
  const t = tr(request);
  const days = reminderDaysOf(await storedReminderDays(ctx.db, firm.id));
  const shown = state.invalid ?? days.join(", ");
  return sendPage(request, reply, {
    title: t("reminder.settings.title"),
    status: state.invalid === undefined ? 200 : 400,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${t("reminder.settings.title")}</h1>
${state.saved ? html`<p role="status">${t("reminder.settings.saved")}</p>` : ""}
<p>${t("reminder.settings.lead")}</p>
<p>${days.length === 0 ? t("reminder.settings.off") : t("reminder.settings.current", { days: days.join(", ") })}</p>
<form method="post" action="/${firm.code}/rappels">${csrfField(reply)}
${fieldError("days", state.invalid === undefined ? undefined : t("reminder.settings.invalid"))}
<label for="days">${t("reminder.settings.days")}</label>
<input type="text" id="days" name="days" inputmode="numeric" value="${shown}"${state.invalid === undefined ? "" : html` aria-invalid="true" aria-describedby="days-error"`}>
<button type="submit" class="primary">${t("reminder.settings.save")}</button>
</form>`,
  });
}
