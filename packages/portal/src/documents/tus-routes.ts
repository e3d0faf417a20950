import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PortalError } from "../errors/portal-error";
import type { PortalContext } from "../service/portal-context";
import { tr } from "../ui/page";
import { type DossierVisit, dossierDocsParams, visitDossier } from "./document-access";
import { ensureFolders } from "./folder-operations";
import { ownUpload, tusServer, tusVisits } from "./tus-server";

const base = "/:firm/dossiers/:dossier/documents/tus";
const uploadParams = dossierDocsParams.extend({ upload: z.string() });
const createQuery = z.object({ folder: z.string() });

/** Every tus request changes something but HEAD: the page's token comes in a header. */
function checkCsrf(fastify: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (request.method === "HEAD") return done();
    (request as { body: unknown }).body = { _csrf: request.headers["x-csrf-token"] };
    fastify.csrfProtection(request, reply, done);
  };
}

/** Hands the request to tus once the rights are checked; tus answers on the raw response. */
async function handOver(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: DossierVisit,
  folderId?: string,
) {
  tusVisits.set(request.raw, { visit, t: tr(request), ...(folderId ? { folderId } : {}) });
  reply.hijack();
  try {
    await (await tusServer(ctx)).handle(request.raw, reply.raw);
  } catch (error) {
    ctx.logger.error({ err: error }, "tus request failed");
    if (!reply.raw.headersSent) reply.raw.writeHead(500).end();
    else reply.raw.destroy();
  }
}

/**
 * Resumable uploads (the tus protocol) into one dossier's folder: creating an upload needs the
 * upload right and a folder of that dossier; resuming, reading the offset or cancelling one needs
 * the same right and that the upload was started by the same person in the same dossier. Any other
 * id answers 404, as for documents.
 */
export function registerTusRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  fastify.register(async (scope) => {
    // tus reads the bytes itself, as a stream.
    scope.addContentTypeParser("application/offset+octet-stream", (_request, _payload, done) =>
      done(null, undefined),
    );
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const config = { csrf: false, jsonErrors: true };

    app.post(
      base,
      {
        schema: { params: dossierDocsParams, querystring: createQuery },
        config,
        preHandler: checkCsrf(fastify),
      },
      async (request, reply) =>
        visitDossier(ctx, request, reply, "upload", async (visit) => {
          const folders = await ensureFolders(ctx, visit.scope);
          if (!folders.some((f) => f.id === request.query.folder))
            throw new PortalError(404, "document.notFound");
          await handOver(ctx, request, reply, visit, request.query.folder);
        }),
    );

    app.route({
      method: ["HEAD", "PATCH", "DELETE"],
      url: `${base}/:upload`,
      schema: { params: uploadParams },
      config,
      preHandler: checkCsrf(fastify),
      handler: async (request, reply) =>
        visitDossier(ctx, request, reply, "upload", async (visit) => {
          if (!(await ownUpload(ctx, visit, request.params.upload)))
            throw new PortalError(404, "document.notFound");
          await handOver(ctx, request, reply, visit);
        }),
    });
  });
}
