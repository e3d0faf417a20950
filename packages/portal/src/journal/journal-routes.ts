import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { firmParams, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { journalBody } from "./journal-page";
import { badDate, filtersInWords, journalLines, journalQuery } from "./journal-view";

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
const cell = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

/** The firm's activity in words (/{firm}/journal), filterable, and exported as CSV (/{firm}/journal.csv). */
export function registerJournalRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = ["admin"] as const;

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
          const invalid = badDate(request.query);
          const { lines, directory } = await journalLines(
            ctx.db,
            firm.id,
            t,
            invalid ? { ...request.query, from: undefined, to: undefined } : request.query,
          );
          return sendPage(request, reply, {
            status: invalid ? 400 : 200,
            title: t("journal.title"),
            wide: true,
            nav: firmNav(t, firm, staff),
            body: journalBody(t, request.locale, {
              firmCode: firm.code,
              query: request.query,
              directory,
              lines: invalid ? [] : lines,
              error: invalid ? t("journal.filter.badDate") : undefined,
            }),
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
          if (badDate(request.query))
            return reply.code(400).type("text/plain; charset=utf-8").send(t("journal.filter.badDate"));
          const { lines, directory } = await journalLines(ctx.db, firm.id, t, request.query);
          const header = [t("journal.when"), t("journal.csv.who"), t("journal.what"), t("journal.csv.target")]
            .map(cell)
            .join(";");
          const body = lines.map((l) =>
            [new Date(l.entry.at).toISOString(), l.parties.actor, l.sentence, l.parties.target]
              .map(cell)
              .join(";"),
          );
          // The filters applied, as the last line, so the file says what it holds.
          const footer = cell(filtersInWords(t, request.query, directory));
          return reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="activite-${firm.code}.csv"`)
            .send(`\uFEFF${[header, ...body, "", footer].join("\r\n")}\r\n`);
        },
        admin,
      ),
  );
}
