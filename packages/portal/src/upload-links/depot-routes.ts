import { hostCookie, hostCookieOptions } from "@sesame/kit/http/cookies";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { nameKey } from "../documents/document-rules";
import { receiveFiles } from "../documents/document-upload";
import { ensureFolders } from "../documents/folder-operations";
import { findDossier } from "../dossiers/dossier-queries";
import { PortalError } from "../errors/portal-error";
import { firmOf, firmParams } from "../firms/firm-access";
import type { Firm } from "../firms/firm-queries";
import { guideUrl } from "../invitations/invitation-mail";
import { answerItem } from "../requests/request-operations";
import { findList, itemsOfList } from "../requests/request-queries";
import { awaitsClient } from "../requests/request-rules";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText } from "../ui/form-body";
import { tr } from "../ui/page";
import { closedPage, codePage, type DepotView, uploadPage } from "./depot-pages";
import { guideTokenFor, proveCode, sendCode } from "./upload-link-operations";
import { findLinkByTokenHash, folderOfLink, sentThroughLink } from "./upload-link-queries";
import { linkState, SESSION_TTL_MS, sessionValid, sha256 } from "./upload-link-rules";

const depotParams = firmParams.extend({ token: z.string().max(100) });
const itemParams = depotParams.extend({ item: z.string().max(64) });
const base = "/:firm/depot/:token";
const COOKIE = "portal_depot";
const CODES_PER_HOUR = 5;

type DepotRequest = FastifyRequest & { readonly params: { firm: string; token: string } };

/** The link behind the URL with what its pages show; an unknown token is a 404 like any other. */
async function openLink(ctx: PortalContext, request: DepotRequest): Promise<{ firm: Firm; view: DepotView }> {
  const firm = await firmOf(ctx, request);
  const link = await findLinkByTokenHash(ctx.db, firm.id, sha256(request.params.token));
  if (!link) throw new PortalError(404, "uploadLink.notFound");
  const dossier = await findDossier(ctx.db, firm.id, link.dossier_id);
  const folder = await folderOfLink(ctx.db, link);
  if (!dossier || !folder) throw new PortalError(404, "uploadLink.notFound");
  const scope = { firmId: firm.id, dossierId: link.dossier_id };
  const list = link.request_list_id ? await findList(ctx.db, scope, link.request_list_id) : undefined;
  if (link.request_list_id && !list) throw new PortalError(404, "uploadLink.notFound");
  const view: DepotView = {
    firm,
    link,
    token: request.params.token,
    dossier: dossier.name,
    folder: folder.name,
  };
  return {
    firm,
    view: list
      ? { ...view, list: { id: list.id, title: list.title, items: await itemsOfList(ctx.db, list.id) } }
      : view,
  };
}

/** Who uploads through a link: its address, with the right to upload into that dossier only. */
const depotVisit = (firm: Firm, view: DepotView, ip: string) => ({
  firm,
  dossier: { id: view.link.dossier_id, name: view.dossier },
  scope: { firmId: firm.id, dossierId: view.link.dossier_id },
  rights: { read: false, upload: true, approve: false, manage: false },
  actor: { name: view.link.email, ip },
});

/**
 * The zero-account upload: the link opens after a code mailed to its address (single use, 10
 * minutes, 5 tries), then lets that browser upload into the link's folder only, attributed to the
 * address, until the link expires (14 days); afterwards it leads to the onboarding guide.
 */
export function registerDepotRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  fastify.register(async (scope) => {
    scope.addContentTypeParser("multipart/form-data", (_request, _payload, done) => done(null, undefined));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const cookieOf = (request: FastifyRequest) => request.cookies[hostCookie(COOKIE)];

    const show = async (request: DepotRequest, reply: FastifyReply) => {
      const { view } = await openLink(ctx, request);
      const state = linkState(view.link, Date.now());
      if (state !== "open") return closedPage(request, reply, view, state);
      if (!sessionValid(view.link, cookieOf(request), Date.now())) return codePage(request, reply, view);
      return uploadPage(request, reply, view, await sentThroughLink(ctx.db, view.link));
    };

    app.get(base, { schema: { params: depotParams } }, show);

    app.post(
      `${base}/code`,
      { schema: { params: depotParams, body: formBody({}) } },
      async (request, reply) => {
        const { firm, view } = await openLink(ctx, request);
        const state = linkState(view.link, Date.now());
        if (state !== "open") return closedPage(request, reply, view, state);
        if ((await ctx.counters.increment(`depot-code:${view.link.id}`, 3600_000)) > CODES_PER_HOUR)
          return codePage(request, reply, view, "uploadLink.code.limit", 429);
        await sendCode(ctx, firm, view.link, request.locale);
        return reply.redirect(`/${firm.code}/depot/${view.token}`, 303);
      },
    );

    app.post(
      `${base}/verify`,
      { schema: { params: depotParams, body: formBody({ code: optionalText }) } },
      async (request, reply) => {
        const { firm, view } = await openLink(ctx, request);
        const state = linkState(view.link, Date.now());
        if (state !== "open") return closedPage(request, reply, view, state);
        const { check, session } = await proveCode(ctx, view.link, request.body.code ?? "");
        if (check === "ok" && session) {
          reply.setCookie(hostCookie(COOKIE), session, hostCookieOptions(SESSION_TTL_MS / 1000));
          return reply.redirect(`/${firm.code}/depot/${view.token}`, 303);
        }
        const { view: fresh } = await openLink(ctx, request);
        return codePage(
          request,
          reply,
          fresh,
          `uploadLink.code.${check}`,
          check === "tooManyTries" ? 429 : 400,
        );
      },
    );

    app.post(
      `${base}/files`,
      {
        schema: { params: depotParams },
        config: { csrf: false, jsonErrors: true },
        preHandler: (request, reply, done) => {
          (request as { body: unknown }).body = {
            _csrf: request.headers["x-csrf-token"] ?? (request.query as { _csrf?: string })._csrf,
          };
          fastify.csrfProtection(request, reply, done);
        },
      },
      async (request, reply) => {
        const { firm, view } = await openLink(ctx, request);
        const state = linkState(view.link, Date.now());
        if (state !== "open") throw new PortalError(410, "uploadLink.closed.expired");
        if (!sessionValid(view.link, cookieOf(request), Date.now()))
          throw new PortalError(403, "uploadLink.code.needed");
        // A link sent for a request list answers that list's items only (the route below).
        if (view.list) throw new PortalError(404, "uploadLink.notFound");
        const { link } = view;
        const files = await receiveFiles(ctx, request, depotVisit(firm, view, request.ip), link.folder_id);
        const t = tr(request);
        const said = files.map(({ name, outcome }) =>
          outcome.ok
            ? { name, ok: true, id: outcome.documentId, version: outcome.version }
            : { name, ok: false, error: t(outcome.refusal, { mime: outcome.mime ?? "?" }) },
        );
        const refused = said.some((f) => !f.ok);
        if ((request.headers.accept ?? "").includes("application/json"))
          return reply.code(refused ? 422 : 201).send({ files: said });
        return uploadPage(
          request,
          reply,
          view,
          await sentThroughLink(ctx.db, link),
          said.map((f) => (f.ok ? t("document.upload.done", { name: f.name }) : `${f.name} : ${f.error}`)),
          refused ? 422 : 200,
        );
      },
    );

    app.post(
      `${base}/items/:item/files`,
      {
        schema: { params: itemParams },
        config: { csrf: false },
        // A file form: the token comes in the query (see the documents' upload route).
        preHandler: (request, reply, done) => {
          (request as { body: unknown }).body = { _csrf: (request.query as { _csrf?: string })._csrf };
          fastify.csrfProtection(request, reply, done);
        },
      },
      async (request, reply) => {
        const { firm, view } = await openLink(ctx, request);
        const state = linkState(view.link, Date.now());
        if (state !== "open") return closedPage(request, reply, view, state);
        if (!sessionValid(view.link, cookieOf(request), Date.now())) return codePage(request, reply, view);
        const item = view.list?.items.find((i) => i.id === request.params.item);
        if (!view.list || !item) throw new PortalError(404, "uploadLink.notFound");
        if (!awaitsClient(item.status)) throw new PortalError(409, "request.error.notWaiting");
        const { link } = view;
        const visit = depotVisit(firm, view, request.ip);
        const folders = await ensureFolders(ctx, visit.scope);
        const folder = folders.find((f) => nameKey(f.name) === nameKey(item.folder_name)) ?? folders[0];
        if (!folder) throw new PortalError(404, "uploadLink.notFound");
        const files = await receiveFiles(ctx, request, visit, folder.id);
        const stored = files.find((f) => f.outcome.ok);
        const t = tr(request);
        const said = files.map(({ name, outcome }) =>
          outcome.ok
            ? t("document.upload.done", { name })
            : `${name} : ${t(outcome.refusal, { mime: outcome.mime ?? "?" })}`,
        );
        if (stored?.outcome.ok) {
          const list = await findList(ctx.db, visit.scope, view.list.id);
          if (list)
            await answerItem(ctx, visit, list, item.id, {
              kind: "upload",
              documentId: stored.outcome.documentId,
              documentName: stored.name,
            });
        }
        const { view: fresh } = await openLink(ctx, request);
        return uploadPage(
          request,
          reply,
          fresh,
          await sentThroughLink(ctx.db, link),
          said,
          stored ? 200 : 422,
        );
      },
    );

    app.post(
      `${base}/guide`,
      { schema: { params: depotParams, body: formBody({}) } },
      async (request, reply) => {
        const { firm, view } = await openLink(ctx, request);
        const token = await guideTokenFor(ctx, view.link);
        return reply.redirect(guideUrl("", firm, token), 303);
      },
    );
  });
}
