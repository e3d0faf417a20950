import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dossierDocsParams } from "../documents/document-access";
import { PortalError } from "../errors/portal-error";
import { type ThreadVisit, visitThread } from "../messages/message-access";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText, queryText } from "../ui/form-body";
import { tr } from "../ui/page";
import { approvalCertificate } from "./approval-certificate";
import { approvalListPage } from "./approval-list-page";
import { decideApproval, requestApproval } from "./approval-operations";
import { approvalPage } from "./approval-page";
import { findApproval } from "./approval-queries";
import { startApprovalReauth } from "./approval-reauth";
import { checkComment } from "./approval-rules";

const base = "/:firm/dossiers/:dossier/approvals";
const approvalParams = dossierDocsParams.extend({ approval: z.string() });
const askBody = formBody({ document: z.string().max(100), contact: z.string().max(100), note: optionalText });
const decideBody = formBody({ decision: z.enum(["approved", "refused"]), comment: optionalText });
const reauthQuery = z.object({ reauth: queryText });
const reauthProblems = {
  stale: "approval.reauth.stale",
  wrongPerson: "approval.reauth.wrongPerson",
  expired: "approval.reauth.expired",
} as const;

type ApprovalRequest = Parameters<typeof visitThread>[1] & { readonly params: { readonly approval: string } };

/** The approval a visitor may see: staff any of the dossier's, a contact only their own; else 404. */
async function approvalFor(ctx: PortalContext, request: ApprovalRequest, visit: ThreadVisit) {
  const a = await findApproval(ctx.db, visit.scope, request.params.approval);
  if (!a || (!visit.staff && a.contact_id !== visit.person.id))
    throw new PortalError(404, "approval.error.notFound");
  return a;
}

/** Approvals of a dossier: ask (staff), re-authenticate and decide (the contact), certificate. */
export function registerApprovalRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(base, { schema: { params: dossierDocsParams } }, async (request, reply) =>
    visitThread(ctx, request, reply, "read", (visit) => approvalListPage(ctx, request, reply, visit)),
  );

  app.post(base, { schema: { params: dossierDocsParams, body: askBody } }, async (request, reply) =>
    visitThread(ctx, request, reply, "manage", async (visit) => {
      const asked = await requestApproval(ctx, visit, {
        documentId: request.body.document,
        contactId: request.body.contact,
        note: (request.body.note ?? "").trim().slice(0, 2000),
      });
      if (!asked.ok)
        return approvalListPage(ctx, request, reply, visit, { problem: asked.problem, status: 422 });
      return reply.redirect(`/${visit.firm.code}/dossiers/${visit.dossier.id}/approvals/${asked.id}`, 303);
    }),
  );

  app.get(
    `${base}/:approval`,
    { schema: { params: approvalParams, querystring: reauthQuery } },
    async (request, reply) =>
      visitThread(ctx, request, reply, "read", async (visit) => {
        const a = await approvalFor(ctx, request, visit);
        const back = request.query.reauth;
        const problem =
          back && Object.hasOwn(reauthProblems, back)
            ? reauthProblems[back as keyof typeof reauthProblems]
            : undefined;
        return approvalPage(ctx, request, reply, visit, a, problem ? { problem } : {});
      }),
  );

  app.post(
    `${base}/:approval/reauth`,
    { schema: { params: approvalParams, body: formBody({}) } },
    async (request, reply) =>
      visitThread(ctx, request, reply, "approve", async (visit) => {
        const a = await approvalFor(ctx, request, visit);
        if (visit.staff || a.contact_id !== visit.person.id)
          throw new PortalError(404, "approval.error.notFound");
        if (a.status !== "pending") throw new PortalError(409, "approval.error.decided");
        try {
          return reply.redirect(
            await startApprovalReauth(ctx, a, { id: visit.person.id, email: visit.email }),
            303,
          );
        } catch (error) {
          request.log.warn({ err: error }, "authority discovery failed");
          throw new PortalError(503, "auth.failed.unavailable");
        }
      }),
  );

  app.post(
    `${base}/:approval/decide`,
    { schema: { params: approvalParams, body: decideBody } },
    async (request, reply) =>
      visitThread(ctx, request, reply, "approve", async (visit) => {
        const a = await approvalFor(ctx, request, visit);
        if (visit.staff) throw new PortalError(404, "approval.error.notFound");
        const checked = checkComment(request.body.decision, request.body.comment);
        if ("problem" in checked)
          return approvalPage(ctx, request, reply, visit, a, { problem: checked.problem, status: 400 });
        const done = await decideApproval(ctx, visit, a, {
          decision: request.body.decision,
          comment: checked.comment,
          ip: request.ip,
          userAgent: String(request.headers["user-agent"] ?? ""),
        });
        if (!done.ok) {
          const status = done.problem === "approval.reauth.expired" ? 403 : 409;
          const now = await findApproval(ctx.db, visit.scope, a.id);
          return approvalPage(ctx, request, reply, visit, now ?? a, { problem: done.problem, status });
        }
        return reply.redirect(`/${visit.firm.code}/dossiers/${visit.dossier.id}/approvals/${a.id}`, 303);
      }),
  );

  app.get(
    `${base}/:approval/certificate.pdf`,
    { schema: { params: approvalParams } },
    async (request, reply) =>
      visitThread(ctx, request, reply, "read", async (visit) => {
        const a = await approvalFor(ctx, request, visit);
        if (a.status === "pending") throw new PortalError(404, "approval.error.notFound");
        const contact = await ctx.db
          .selectFrom("contact")
          .select(["first_name", "last_name", "email"])
          .where("id", "=", a.contact_id)
          .executeTakeFirst();
        const pdf = await approvalCertificate(tr(request), request.locale, {
          approval: a,
          firm: visit.firm.name,
          dossier: visit.dossier.name,
          contact: contact ? `${contact.first_name} ${contact.last_name} <${contact.email}>` : "-",
        });
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", `inline; filename="approval-${a.id}.pdf"`)
          .header("cache-control", "private, no-store")
          .send(Buffer.from(pdf));
      }),
  );
}
