import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dossierDocsParams } from "../documents/document-access";
import type { PortalContext } from "../service/portal-context";
import { tr } from "../ui/page";
import { type ThreadVisit, visitThread } from "./message-access";
import { messagesFolder } from "./message-folder";
import { readMessageForm } from "./message-form";
import { postMessage } from "./message-operations";
import { threadPage } from "./message-page";
import { checkBody } from "./message-rules";

const base = "/:firm/dossiers/:dossier/messages";
const postQuery = z.object({ _csrf: z.string().optional() });
const pageQuery = z.object({ sent: z.string().optional().catch(undefined) });

/** A dossier's thread: read it (marks it read), write in it with attachments. */
export function registerMessageRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  fastify.register(async (scope) => {
    // The form is read as a stream by the route itself (see message-form).
    scope.addContentTypeParser("multipart/form-data", (_request, _payload, done) => done(null, undefined));
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.get(base, { schema: { params: dossierDocsParams, querystring: pageQuery } }, async (request, reply) =>
      visitThread(ctx, request, reply, "read", (visit) =>
        threadPage(ctx, request, reply, visit, request.query.sent === "1" ? { sent: true } : {}),
      ),
    );

    app.post(
      base,
      {
        schema: { params: dossierDocsParams, querystring: postQuery },
        config: { csrf: false },
        // The token comes in the query: the body is a stream read after the rights are checked.
        preHandler: (request, reply, done) => {
          (request as { body: unknown }).body = { _csrf: (request.query as { _csrf?: string })._csrf };
          fastify.csrfProtection(request, reply, done);
        },
      },
      async (request, reply) =>
        visitThread(ctx, request, reply, "read", async (visit: ThreadVisit) => {
          const t = tr(request);
          const form = await readMessageForm(ctx, request, visit, () => messagesFolder(ctx, visit.scope));
          const checked = checkBody(form.body, form.stored.length + form.refused.length);
          const errors = [
            ...("problem" in checked ? [t(checked.problem)] : []),
            ...form.refused.map((f) =>
              t("message.error.file", { name: f.name, reason: t(f.reason, { mime: "?" }) }),
            ),
          ];
          if (errors.length > 0 || "problem" in checked) {
            const status = form.refused.some((f) => f.reason === "message.error.noUpload")
              ? 403
              : form.refused.some((f) => f.reason === "document.error.tooLarge")
                ? 413
                : form.refused.length > 0
                  ? 422
                  : 400;
            return threadPage(ctx, request, reply, visit, { problem: { errors, body: form.body, status } });
          }
          await postMessage(ctx, visit, {
            author: visit.person,
            authorName: visit.staff ? `${visit.personName} <${visit.email}>` : visit.personName,
            body: checked.body,
            attachments: form.stored,
          });
          return reply.redirect(`/${visit.firm.code}/dossiers/${visit.dossier.id}/messages?sent=1`, 303);
        }),
    );
  });
}
