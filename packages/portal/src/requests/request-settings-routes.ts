import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmOf, firmParams, type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { MessageKey } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { unsubscribeFromList } from "./request-digest-operations";
import { unsubscribeKey, verifyUnsubscribe } from "./request-link";
import { parseTemplateItems } from "./request-rules";
import {
  digestScheduleOf,
  saveDigestSchedule,
  saveTemplate,
  templatesOf,
} from "./request-settings-operations";

const templateBody = formBody({ id: optionalText, name: optionalText, items: optionalText });
const scheduleBody = formBody({ hour: optionalText, weekends: optionalText });
// In the query: a path parameter is limited to 100 characters and the token is longer.
const tokenQuery = z.object({ t: z.string().max(300).catch("") });

/** The firm admin's request templates and digest schedule; the mail's unsubscribe link. */
export function registerRequestSettingsRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const settings = "/:firm/demandes/modeles";
  const admin = (
    request: FastifyRequest & { params: { firm: string } },
    reply: FastifyReply,
    run: (who: StaffRequest) => Promise<unknown>,
  ) => staffOnly(ctx, request, reply, run, ["admin"]);

  app.get(settings, { schema: { params: firmParams } }, async (request, reply) =>
    admin(request, reply, (who) => settingsPage(ctx, request, reply, who)),
  );
  app.post(settings, { schema: { params: firmParams, body: templateBody } }, async (request, reply) =>
    admin(request, reply, async (who) => {
      const name = (request.body.name ?? "").trim().slice(0, 100);
      const items = parseTemplateItems(request.body.items ?? "", "Pièces comptables");
      if (!name || !items) return settingsPage(ctx, request, reply, who, "request.error.items");
      await saveTemplate(ctx, who, request.locale, {
        ...(request.body.id ? { id: request.body.id } : {}),
        name,
        items,
      });
      return settingsPage(ctx, request, reply, who, undefined, "request.settings.saved");
    }),
  );
  app.post(
    "/:firm/demandes/rappels",
    { schema: { params: firmParams, body: scheduleBody } },
    async (request, reply) =>
      admin(request, reply, async (who) => {
        const hour = Number(request.body.hour);
        if (!/^\d{1,2}$/.test(request.body.hour ?? "") || hour > 23)
          return settingsPage(ctx, request, reply, who, "request.error.hour");
        await saveDigestSchedule(ctx, who, { hour, weekends: request.body.weekends === "on" });
        return settingsPage(ctx, request, reply, who, undefined, "request.settings.saved");
      }),
  );

  // The mail's link: no sign-in, the signature is the proof. A page with one button (a mail
  // scanner following the link changes nothing); the button unsubscribes.
  const unsubscribe = "/:firm/demandes/desabonnement";
  app.get(
    unsubscribe,
    { schema: { params: firmParams, querystring: tokenQuery } },
    async (request, reply) => {
      const t = tr(request);
      const firm = await firmOf(ctx, request);
      const ok = verifyUnsubscribe(await unsubscribeKey(ctx.db), request.query.t);
      const body = ok
        ? html`<h1>${t("request.unsubscribe.title")}</h1><p>${t("request.unsubscribe.lead", { firm: firm.name })}</p>
<form method="post">${csrfField(reply)}<button class="primary">${t("request.unsubscribe.confirm")}</button></form>`
        : html`<h1>${t("request.unsubscribe.title")}</h1><p class="error">${t("request.unsubscribe.invalid")}</p>`;
      return sendPage(request, reply, {
        title: t("request.unsubscribe.title"),
        status: ok ? 200 : 404,
        body,
      });
    },
  );
  app.post(
    unsubscribe,
    { schema: { params: firmParams, querystring: tokenQuery, body: formBody({}) } },
    async (request, reply) => {
      const t = tr(request);
      await firmOf(ctx, request);
      const ok = verifyUnsubscribe(await unsubscribeKey(ctx.db), request.query.t);
      const done = ok ? await unsubscribeFromList(ctx, ok.contactId, ok.listId) : false;
      return sendPage(request, reply, {
        title: t("request.unsubscribe.title"),
        status: done ? 200 : 404,
        body: html`<h1>${t("request.unsubscribe.title")}</h1><p class="${done ? "success" : "error"}" role="status">${t(done ? "request.unsubscribe.done" : "request.unsubscribe.invalid")}</p>`,
      });
    },
  );
}

async function settingsPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  who: StaffRequest,
  error?: MessageKey,
  saved?: MessageKey,
) {
  const t = tr(request);
  const templates = await templatesOf(ctx.db, who.firm.id, request.locale);
  const schedule = await digestScheduleOf(ctx.db, who.firm.id);
  const action = `/${who.firm.code}/demandes/modeles`;
  const form = (
    id: string,
    name: string,
    items: string,
    n: number,
  ) => html`<form method="post" action="${action}">${csrfField(reply)}
${id ? html`<input type="hidden" name="id" value="${id}">` : ""}
<label for="name-${n}">${t("request.settings.name")}</label><input id="name-${n}" name="name" value="${name}" maxlength="100" required>
<label for="items-${n}">${t("request.settings.items")}</label><textarea id="items-${n}" name="items" rows="6" required>${items}</textarea>
<div class="actions"><button>${t("request.settings.save")}</button></div></form>`;
  return sendPage(request, reply, {
    title: t("request.settings.title"),
    wide: true,
    nav: firmNav(t, who.firm, who.staff),
    status: error ? 400 : 200,
    body: html`<h1>${t("request.settings.title")}</h1>
${error ? html`<p class="error" role="alert">${t(error)}</p>` : ""}${saved ? html`<p class="success" role="status">${t(saved)}</p>` : ""}
<h2>${t("request.settings.schedule")}</h2>
<form method="post" action="/${who.firm.code}/demandes/rappels">${csrfField(reply)}
<label for="hour">${t("request.settings.hour")}</label><input id="hour" name="hour" inputmode="numeric" value="${String(schedule.hour)}" required>
<p class="check"><input type="checkbox" id="weekends" name="weekends"${schedule.weekends ? html` checked` : ""}><label for="weekends">${t("request.settings.weekends")}</label></p>
<div class="actions"><button>${t("request.settings.saveSchedule")}</button></div></form>
<h2>${t("request.settings.templates")}</h2><p>${t("request.settings.lead")}</p>
${templates.map((tp, n) => html`<section aria-labelledby="tp-${n}"><h3 id="tp-${n}">${tp.name}</h3>${form(tp.id, tp.name, tp.items.map((i) => `${i.label} | ${i.folder}`).join("\n"), n)}</section>`)}
<section aria-labelledby="tp-new"><h3 id="tp-new">${t("request.settings.new")}</h3>${form("", "", "", templates.length)}</section>`,
  });
}
