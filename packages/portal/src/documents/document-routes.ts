import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PortalError } from "../errors/portal-error";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText } from "../ui/form-body";
import { tr } from "../ui/page";
import { registerActivityRoutes } from "./activity-routes";
import { BlobAlteredError } from "./blob-store";
import { documentParams, dossierDocsParams, visitDossier } from "./document-access";
import { changeDocument } from "./document-operations";
import { documentsPage } from "./document-page";
import { openDocument, type ReadOutcome } from "./document-reading";
import { previewable } from "./document-rules";
import { registerDocumentSettingsRoutes } from "./document-settings-routes";
import { receiveFiles } from "./document-upload";
import { registerDocumentsAsset } from "./documents-asset";
import { ensureFolders } from "./folder-operations";
import { registerTusRoutes } from "./tus-routes";

const base = "/:firm/dossiers/:dossier/documents";
const versionQuery = z.object({ v: z.coerce.number().int().min(1).optional() });
const uploadQuery = z.object({ folder: z.string(), _csrf: z.string().optional() });
const changeBody = formBody({ name: optionalText, folder: optionalText });

/** The dossier's documents: page, uploads, downloads, previews and the staff's changes. */
export function registerDocumentRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  registerDocumentsAsset(fastify);
  registerDocumentSettingsRoutes(fastify, ctx);
  registerTusRoutes(fastify, ctx);
  registerActivityRoutes(fastify, ctx);
  fastify.register(async (scope) => {
    // Uploads are read as a stream by the route itself (see document-upload).
    scope.addContentTypeParser("multipart/form-data", (_request, _payload, done) => done(null, undefined));
    // Bytes found altered while a document streams, before its first byte left (a file of one
    // chunk): the same clear refusal as the check before the status. Later, the response is cut.
    scope.setErrorHandler((error) => {
      if (error instanceof BlobAlteredError) throw new PortalError(409, "document.error.altered");
      throw error;
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.get(base, { schema: { params: dossierDocsParams } }, async (request, reply) =>
      visitDossier(ctx, request, reply, "read", (visit) => documentsPage(ctx, request, reply, visit)),
    );

    app.post(
      base,
      {
        schema: { params: dossierDocsParams, querystring: uploadQuery },
        config: { csrf: false, jsonErrors: true },
        // The token comes in a header (the page's upload script) or the query (a plain form).
        preHandler: (request, reply, done) => {
          (request as { body: unknown }).body = {
            _csrf: request.headers["x-csrf-token"] ?? (request.query as { _csrf?: string })._csrf,
          };
          fastify.csrfProtection(request, reply, done);
        },
      },
      async (request, reply) =>
        visitDossier(ctx, request, reply, "upload", async (visit) => {
          const folders = await ensureFolders(ctx, visit.scope);
          if (!folders.some((f) => f.id === request.query.folder))
            throw new PortalError(404, "document.notFound");
          const files = await receiveFiles(ctx, request, visit, request.query.folder);
          const refused = files.filter((f) => !f.outcome.ok);
          const tooLarge = refused.some(
            (f) => !f.outcome.ok && f.outcome.refusal === "document.error.tooLarge",
          );
          // A plain form (no script) gets the page back with what happened to each file.
          if (!(request.headers.accept ?? "").includes("application/json"))
            return documentsPage(ctx, request, reply, visit, files);
          const t = tr(request);
          const scanDown = refused.some(
            (f) => !f.outcome.ok && f.outcome.refusal === "document.error.scanUnavailable",
          );
          if (scanDown) reply.header("retry-after", "60");
          return reply.code(refused.length === 0 ? 201 : scanDown ? 503 : tooLarge ? 413 : 422).send({
            files: files.map(({ name, outcome }) =>
              outcome.ok
                ? {
                    name,
                    ok: true,
                    id: outcome.documentId,
                    version: outcome.version,
                    sha256: outcome.sha256,
                    scan: outcome.scan,
                  }
                : { name, ok: false, error: t(outcome.refusal, { mime: outcome.mime ?? "?" }) },
            ),
          });
        }),
    );

    for (const [path, how] of [
      ["/download", "downloaded"],
      ["/preview", "previewed"],
    ] as const)
      app.get(
        `${base}/:doc${path}`,
        { schema: { params: documentParams, querystring: versionQuery } },
        async (request, reply) =>
          visitDossier(ctx, request, reply, "read", async (visit) => {
            const read = await openDocument(
              ctx,
              visit.scope,
              visit.actor,
              request.params.doc,
              how,
              request.query.v,
            );
            return sendDocument(reply, read, how);
          }),
      );

    for (const action of ["rename", "move", "delete", "restore"] as const)
      app.post(
        `${base}/:doc/${action}`,
        { schema: { params: documentParams, body: changeBody } },
        async (request, reply) =>
          visitDossier(ctx, request, reply, "manage", async (visit) => {
            const { name, folder } = request.body;
            const done = await changeDocument(
              ctx,
              visit.scope,
              visit.actor,
              request.params.doc,
              action === "rename"
                ? { action: "renamed", name: name ?? "" }
                : action === "move"
                  ? { action: "moved", folderId: folder ?? "" }
                  : action === "delete"
                    ? { action: "deleted" }
                    : { action: "restored" },
            );
            if (done === "notFound") throw new PortalError(404, "document.notFound");
            if (done === "duplicate") throw new PortalError(409, "document.error.duplicate");
            if (done !== "ok") throw new PortalError(400, done);
            return reply.redirect(`/${visit.firm.code}/dossiers/${visit.dossier.id}/documents`, 303);
          }),
      );
  });
}

function sendDocument(reply: FastifyReply, read: ReadOutcome, how: "downloaded" | "previewed") {
  if (!read.ok && read.refusal === "altered") throw new PortalError(409, "document.error.altered");
  if (!read.ok) throw new PortalError(404, "document.notFound");
  const inline = how === "previewed";
  if (inline && !previewable(read.version.mime)) {
    read.stream.destroy();
    throw new PortalError(415, "document.error.noPreview");
  }
  const ascii = read.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return reply
    .header("content-type", read.version.mime)
    .header("content-length", String(read.version.size))
    .header(
      "content-disposition",
      `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(read.name)}`,
    )
    .header("x-content-type-options", "nosniff")
    .header(
      "content-security-policy",
      "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    )
    .header("cache-control", "private, no-store")
    .send(read.stream);
}
