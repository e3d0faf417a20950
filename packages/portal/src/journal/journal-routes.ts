import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmParams, staffOnly } from "../firms/firm-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { T } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import { queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { journalEntries } from "./journal-queries";
import { entryParties, isJournalAction, JOURNAL_ACTIONS } from "./journal-rules";

const journalQuery = z.object({ action: queryText, person: queryText });

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
const cell = (value: string) => `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

/** The firm's activity in words (/{firm}/journal), filterable, and exported as CSV (/{firm}/journal.csv). */
export function registerJournalRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = ["admin"] as const;

  async function lines(firmId: string, t: T, filters: z.infer<typeof journalQuery>) {
    const { entries, names, organisations } = await journalEntries(ctx.db, firmId);
    const person = filters.person?.trim().toLowerCase();
    return entries
      .map((entry) => {
        const parties = entryParties(entry, names, organisations);
        const sentence = isJournalAction(entry.action)
          ? t(`journal.action.${entry.action}`, parties)
          : t("journal.action.other", { ...parties, action: entry.action });
        return { entry, parties, sentence };
      })
      .filter(
        ({ entry, parties }) =>
          (!filters.action || entry.action === filters.action) &&
          (!person ||
            [entry.actor, entry.target, parties.actor, parties.target].some((v) =>
              v.toLowerCase().includes(person),
            )),
      );
  }

  app.get(
    "/:firm/journal",
    { schema: { params: firmParams, querystring: journalQuery } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        async ({ firm, staff }) => {
          const t = tr(request);
          const shown = await lines(firm.id, t, request.query);
          const q = new URLSearchParams();
          if (request.query.action) q.set("action", request.query.action);
          if (request.query.person) q.set("person", request.query.person);
          return sendPage(request, reply, {
            title: t("journal.title"),
            wide: true,
            nav: firmNav(t, firm, staff),
            body: html`<h1>${t("journal.title")}</h1><p>${t("journal.lead")}</p>
<form method="get" action="/${firm.code}/journal" role="search" aria-label="${t("journal.filter.apply")}">
<label for="j-action">${t("journal.filter.action")}</label>
<select id="j-action" name="action"><option value="">${t("journal.filter.any")}</option>${JOURNAL_ACTIONS.map(
              (a) =>
                html`<option value="${a}"${request.query.action === a ? html` selected` : html``}>${t(`journal.action.${a}`, { actor: "…", target: "…" })}</option>`,
            )}</select>
<label for="j-person">${t("journal.filter.person")}</label>
<input type="search" id="j-person" name="person" value="${request.query.person ?? ""}">
<button type="submit" class="secondary">${t("journal.filter.apply")}</button>
</form>
<p><a href="/${firm.code}/journal.csv${q.size > 0 ? `?${q}` : ""}" download>${t("journal.export")}</a></p>
${
  shown.length === 0
    ? html`<p>${t("journal.empty")}</p>`
    : html`<ul class="onboarding-rows">${shown.map(
        (l) =>
          html`<li><span class="muted">${formatDate(l.entry.at, request.locale)}</span> · ${l.sentence}</li>`,
      )}</ul>`
}`,
          });
        },
        admin,
      ),
  );

  app.get(
    "/:firm/journal.csv",
    { schema: { params: firmParams, querystring: journalQuery } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        async ({ firm }) => {
          const t = tr(request);
          const shown = await lines(firm.id, t, request.query);
          const header = [t("journal.when"), t("journal.csv.who"), t("journal.what"), t("journal.csv.target")]
            .map(cell)
            .join(";");
          const body = shown.map((l) =>
            [new Date(l.entry.at).toISOString(), l.parties.actor, l.sentence, l.parties.target]
              .map(cell)
              .join(";"),
          );
          return reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="activite-${firm.code}.csv"`)
            .send(`\uFEFF${[header, ...body].join("\r\n")}\r\n`);
        },
        admin,
      ),
  );
}
