import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type DossierVisit, dossierDocsParams, visitDossier } from "../documents/document-access";
import { nameKey } from "../documents/document-rules";
import { receiveFiles } from "../documents/document-upload";
import { ensureFolders } from "../documents/folder-operations";
import { PortalError } from "../errors/portal-error";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText, queryText } from "../ui/form-body";
import { tr } from "../ui/page";
import { remindListNow } from "./request-digest-operations";
import { type Answer, answerItem, createRequestList, reviewItem, setItemDueDate } from "./request-operations";
import { requestListPage, requestListsPage } from "./request-page";
import { findItem, findList } from "./request-queries";
import { cleanText, parseDueDate } from "./request-rules";
import { templatesOf } from "./request-settings-operations";
import { registerRequestSettingsRoutes } from "./request-settings-routes";

const base = "/:firm/dossiers/:dossier/demandes";
const listParams = dossierDocsParams.extend({ list: z.string() });
const itemParams = listParams.extend({ item: z.string() });
const createBody = formBody({ template: optionalText, title: optionalText, due: optionalText });
const textBody = formBody({ text: optionalText });
const dueBody = formBody({ due: optionalText });
const listQuery = z.object({ reminded: queryText });

type ListRequest = { params: z.infer<typeof listParams> };

/** The list named by the URL, in this dossier; anything else is the same 404 as an unknown id. */
async function listOf(ctx: PortalContext, visit: DossierVisit, request: ListRequest) {
  const list = await findList(ctx.db, visit.scope, request.params.list);
  if (!list) throw new PortalError(404, "document.notFound");
  return list;
}

const back = (reply: FastifyReply, visit: DossierVisit, listId: string, itemId?: string) =>
  reply.redirect(
    `/${visit.firm.code}/dossiers/${visit.dossier.id}/demandes/${listId}${itemId ? `#item-${itemId}` : ""}`,
    303,
  );

/** Request lists of a dossier: created by staff, answered by the dossier's contacts, reviewed by staff. */
export function registerRequestRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  registerRequestSettingsRoutes(fastify, ctx);
  fastify.register(async (scope) => {
    // An answer by file is read as a stream by the documents' upload code.
    scope.addContentTypeParser("multipart/form-data", (_request, _payload, done) => done(null, undefined));
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.get(base, { schema: { params: dossierDocsParams } }, async (request, reply) =>
      visitDossier(ctx, request, reply, "read", (visit) => requestListsPage(ctx, request, reply, visit)),
    );

    app.post(base, { schema: { params: dossierDocsParams, body: createBody } }, async (request, reply) =>
      visitDossier(ctx, request, reply, "manage", async (visit) => {
        const templates = await templatesOf(ctx.db, visit.firm.id, request.locale);
        const template = templates.find((tp) => tp.id === request.body.template);
        const due = parseDueDate(request.body.due);
        if (!template || template.items.length === 0)
          return requestListsPage(ctx, request, reply, visit, "request.error.template");
        if (!due) return requestListsPage(ctx, request, reply, visit, "request.error.due");
        const title = (request.body.title ?? "").trim().slice(0, 200) || template.name;
        const id = await createRequestList(ctx, visit, { title, items: template.items, dueDate: due });
        return back(reply, visit, id);
      }),
    );

    app.get(
      `${base}/:list`,
      { schema: { params: listParams, querystring: listQuery } },
      async (request, reply) =>
        visitDossier(ctx, request, reply, "read", async (visit) => {
          const list = await listOf(ctx, visit, request);
          const reminded = request.query.reminded;
          const done =
            reminded === undefined
              ? undefined
              : tr(request)("request.reminded", { count: Number(reminded) || 0 });
          return requestListPage(ctx, request, reply, visit, list, done ? { done } : undefined);
        }),
    );

    for (const kind of ["comment", "na"] as const)
      app.post(
        `${base}/:list/items/:item/${kind}`,
        { schema: { params: itemParams, body: textBody } },
        async (request, reply) =>
          visitDossier(ctx, request, reply, "upload", async (visit) => {
            const list = await listOf(ctx, visit, request);
            const text = cleanText(request.body.text);
            if (!text)
              return requestListPage(ctx, request, reply, visit, list, {
                error: tr(request)("request.error.text"),
              });
            const answer: Answer = { kind: kind === "na" ? "not_applicable" : "comment", text };
            await answerOrFail(ctx, visit, list, request.params.item, answer);
            return back(reply, visit, list.id, request.params.item);
          }),
      );

    app.post(
      `${base}/:list/items/:item/upload`,
      {
        schema: { params: itemParams, querystring: z.object({ _csrf: z.string().optional() }) },
        config: { csrf: false },
        // A file form: the token comes in the query (see the documents' upload route).
        preHandler: (request, reply, done) => {
          (request as { body: unknown }).body = { _csrf: (request.query as { _csrf?: string })._csrf };
          fastify.csrfProtection(request, reply, done);
        },
      },
      async (request, reply) =>
        visitDossier(ctx, request, reply, "upload", async (visit) => {
          const list = await listOf(ctx, visit, request);
          const item = await findItem(ctx.db, visit.scope, list.id, request.params.item);
          if (!item) throw new PortalError(404, "document.notFound");
          if (item.status !== "open" && item.status !== "rejected")
            throw new PortalError(409, "request.error.notWaiting");
          const folders = await ensureFolders(ctx, visit.scope);
          const folder = folders.find((f) => nameKey(f.name) === nameKey(item.folder_name)) ?? folders[0];
          if (!folder) throw new PortalError(404, "document.notFound");
          const files = await receiveFiles(ctx, request, visit, folder.id);
          const stored = files.find((f) => f.outcome.ok);
          if (!stored?.outcome.ok) {
            const t = tr(request);
            const refused = files.map((f) =>
              f.outcome.ok ? "" : `${f.name} : ${t(f.outcome.refusal, { mime: f.outcome.mime ?? "?" })}`,
            );
            const error = refused.filter(Boolean).join(" ; ") || t("request.error.file");
            return requestListPage(ctx, request, reply, visit, list, { error });
          }
          await answerOrFail(ctx, visit, list, item.id, {
            kind: "upload",
            documentId: stored.outcome.documentId,
            documentName: stored.name,
          });
          return back(reply, visit, list.id, item.id);
        }),
    );

    for (const decision of ["accept", "reject"] as const)
      app.post(
        `${base}/:list/items/:item/${decision}`,
        { schema: { params: itemParams, body: textBody } },
        async (request, reply) =>
          visitDossier(ctx, request, reply, "manage", async (visit) => {
            const list = await listOf(ctx, visit, request);
            const reason = cleanText(request.body.text);
            if (decision === "reject" && !reason)
              return requestListPage(ctx, request, reply, visit, list, {
                error: tr(request)("request.error.reason"),
              });
            const done = await reviewItem(
              ctx,
              visit,
              list,
              request.params.item,
              decision === "accept" ? { accept: true } : { accept: false, reason: reason ?? "" },
            );
            if (!done) await notWaiting(ctx, visit, list.id, request.params.item);
            return back(reply, visit, list.id, request.params.item);
          }),
      );

    app.post(
      `${base}/:list/items/:item/due`,
      { schema: { params: itemParams, body: dueBody } },
      async (request, reply) =>
        visitDossier(ctx, request, reply, "manage", async (visit) => {
          const list = await listOf(ctx, visit, request);
          const item = await findItem(ctx.db, visit.scope, list.id, request.params.item);
          if (!item) throw new PortalError(404, "document.notFound");
          const due = parseDueDate(request.body.due);
          if (!due)
            return requestListPage(ctx, request, reply, visit, list, {
              error: tr(request)("request.error.due"),
            });
          await setItemDueDate(ctx, visit, list, item, due);
          return back(reply, visit, list.id, item.id);
        }),
    );

    app.post(
      `${base}/:list/remind`,
      { schema: { params: listParams, body: formBody({}) } },
      async (request, reply) =>
        visitDossier(ctx, request, reply, "manage", async (visit) => {
          const list = await listOf(ctx, visit, request);
          const count = await remindListNow(ctx, visit, visit.firm, list);
          return reply.redirect(
            `/${visit.firm.code}/dossiers/${visit.dossier.id}/demandes/${list.id}?reminded=${count}`,
            303,
          );
        }),
    );
  });
}

async function answerOrFail(
  ctx: PortalContext,
  visit: DossierVisit,
  list: Parameters<typeof answerItem>[2],
  itemId: string,
  answer: Answer,
) {
  if (!(await answerItem(ctx, visit, list, itemId, answer))) await notWaiting(ctx, visit, list.id, itemId);
}

/** An item of another list or dossier is a 404; one that no longer waits for this step, a 409. */
async function notWaiting(
  ctx: PortalContext,
  visit: DossierVisit,
  listId: string,
  itemId: string,
): Promise<never> {
  const item = await findItem(ctx.db, visit.scope, listId, itemId);
  throw item ? new PortalError(409, "request.error.notWaiting") : new PortalError(404, "document.notFound");
}
