import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { toCsv } from "./activity-csv";
import { activityActions, type FilterInput, parseActivityFilter } from "./activity-filter";
import { filteredEvents, trailPeople } from "./activity-queries";
import { dossierDocsParams, visitDossier } from "./document-access";

const filterQuery = z.object({ action: queryText, person: queryText, from: queryText, to: queryText });
const PAGE_ROWS = 500;
const CSV_ROWS = 100_000;

/** A moment as a spreadsheet sorts it: "2026-12-05 07:40:12", Paris time. */
const sortableDate = (at: number) => new Date(at).toLocaleString("sv-SE", { timeZone: "Europe/Paris" });

const queryOf = (input: FilterInput) =>
  new URLSearchParams(Object.entries(input).filter((e): e is [string, string] => Boolean(e[1]))).toString();

/**
 * The dossier's activity for the firm's staff: every document event (uploaded, downloaded,
 * previewed, renamed, moved, deleted, restored) with who, when and from which address; filtered
 * by action, person and dates, and exported with the same filter as CSV.
 */
export function registerActivityRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = "/:firm/dossiers/:dossier/activity";

  app.get(base, { schema: { params: dossierDocsParams, querystring: filterQuery } }, async (request, reply) =>
    visitDossier(ctx, request, reply, "manage", async (visit) => {
      const t = tr(request);
      const parsed = parseActivityFilter(request.query);
      const events = parsed.ok ? await filteredEvents(ctx.db, visit.scope, parsed.filter, PAGE_ROWS) : [];
      const people = await trailPeople(ctx.db, visit.scope);
      const q = request.query;
      const here = `/${visit.firm.code}/dossiers/${visit.dossier.id}`;
      const body = html`<h1>${t("activity.title", { dossier: visit.dossier.name })}</h1>
<p><a href="${here}/documents">${t("document.link")}</a></p>
<form method="get" action="${here}/activity" class="filters">
<label for="f-action">${t("activity.filter.action")}</label>
<select id="f-action" name="action"><option value="">${t("activity.filter.all")}</option>${activityActions.map(
        (a) =>
          html`<option value="${a}"${q.action === a ? html` selected` : ""}>${t(`activity.action.${a}`)}</option>`,
      )}</select>
<label for="f-person">${t("activity.filter.person")}</label>
<select id="f-person" name="person"><option value="">${t("activity.filter.everyone")}</option>${people.map(
        (p) => html`<option${q.person === p ? html` selected` : ""}>${p}</option>`,
      )}</select>
<label for="f-from">${t("activity.filter.from")}</label><input type="date" id="f-from" name="from" value="${q.from ?? ""}">
<label for="f-to">${t("activity.filter.to")}</label><input type="date" id="f-to" name="to" value="${q.to ?? ""}">
<button>${t("activity.filter.apply")}</button>
</form>
${parsed.ok ? "" : html`<p role="alert" class="error">${t("activity.filter.invalid")}</p>`}
<p><a href="${here}/activity.csv?${queryOf(q)}" download>${t("activity.export")}</a></p>
${
  events.length === 0
    ? html`<p>${t("activity.empty")}</p>`
    : html`<p id="trail-count">${t("activity.count", { n: events.length })}</p><div class="table-scroll"><table class="trail" aria-describedby="trail-count">
<thead><tr><th scope="col">${t("activity.col.when")}</th><th scope="col">${t("activity.col.who")}</th><th scope="col">${t("activity.col.action")}</th><th scope="col">${t("activity.col.document")}</th><th scope="col">${t("activity.col.ip")}</th></tr></thead>
<tbody>${events.map(
        (e) =>
          html`<tr><td>${formatDate(e.at, request.locale)}</td><td>${e.actor}</td><td>${t(`activity.action.${e.action}`)}</td><td>${e.document_name}${e.version_number ? ` (v${e.version_number})` : ""}</td><td>${e.ip}</td></tr>`,
      )}</tbody></table></div>`
}`;
      return sendPage(request, reply, {
        title: t("activity.title", { dossier: visit.dossier.name }),
        wide: true,
        nav: visit.staff ? firmNav(t, visit.firm, visit.staff) : undefined,
        status: parsed.ok ? 200 : 400,
        body,
      });
    }),
  );

  app.get(
    `${base}.csv`,
    { schema: { params: dossierDocsParams, querystring: filterQuery } },
    async (request, reply) =>
      visitDossier(ctx, request, reply, "manage", async (visit) => {
        const t = tr(request);
        const parsed = parseActivityFilter(request.query);
        if (!parsed.ok)
          return reply.code(400).type("text/plain; charset=utf-8").send(t("activity.filter.invalid"));
        const events = await filteredEvents(ctx.db, visit.scope, parsed.filter, CSV_ROWS);
        const csv = toCsv(
          [
            t("activity.col.when"),
            t("activity.col.who"),
            t("activity.col.action"),
            t("activity.col.document"),
            t("activity.col.version"),
            t("activity.col.ip"),
          ],
          events.map((e) => [
            sortableDate(e.at),
            e.actor,
            t(`activity.action.${e.action}`),
            e.document_name,
            e.version_number,
            e.ip,
          ]),
          request.locale,
        );
        const name = `${t("activity.fileName")}-${visit.dossier.name}.csv`;
        return reply
          .type("text/csv; charset=utf-8")
          .header(
            "content-disposition",
            `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .header("cache-control", "private, no-store")
          .send(csv);
      }),
  );
}
