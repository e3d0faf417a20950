import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { approvalLink } from "../consent/approval-link";
import { consentStateFor } from "../consent/consent-queries";
import { findContact } from "../contacts/contact-queries";
import { PortalError } from "../errors/portal-error";
import { firmItemParams, firmParams, type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import { formBody, optionalText, queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { sendApprovalLinkFor } from "./approval-operations";
import { runBulk } from "./bulk-operations";
import { dashboardPage } from "./dashboard-page";
import { FUNNEL } from "./dashboard-rules";
import { registerFileImportRoutes } from "./file-import-routes";

const dashboardQuery = z.object({
  state: z.enum(FUNNEL).optional().catch(undefined),
  accountant: queryText,
  dossier: queryText,
  done: z.enum(["invite", "remind", "revoke"]).optional().catch(undefined),
  n: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
  skipped: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const bulkBody = formBody({
  ids: z.union([z.string(), z.array(z.string()).max(2000)]).optional(),
  action: z.enum(["invite", "remind", "revoke"]).optional(),
  /** A row's own button: "remind:<contact id>". */
  one: z.string().max(100).optional(),
  confirm: optionalText,
});

/** The onboarding dashboard (/{firm}/onboarding), its bulk actions and the approval link sent for a contact. */
export function registerDashboardRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  registerFileImportRoutes(fastify, ctx);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/:firm/onboarding",
    { schema: { params: firmParams, querystring: dashboardQuery } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, (who) => {
        const q = request.query;
        const flash = q.done
          ? tr(request)(`dashboard.done.${q.done}`, { done: q.n ?? 0, skipped: q.skipped ?? 0 })
          : undefined;
        return dashboardPage(
          ctx,
          request,
          reply,
          who,
          {
            state: q.state,
            accountant: q.accountant || undefined,
            dossier: q.dossier || undefined,
            page: q.page,
          },
          flash,
        );
      }),
  );

  app.post(
    "/:firm/onboarding/bulk",
    { schema: { params: firmParams, body: bulkBody } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const t = tr(request);
        const body = request.body;
        const [oneAction, oneId] = body.one?.split(":") ?? [];
        const action = z.enum(["invite", "remind", "revoke"]).safeParse(oneAction ?? body.action);
        const ids = oneId ? [oneId] : typeof body.ids === "string" ? [body.ids] : (body.ids ?? []);
        const contacts = (await Promise.all(ids.map((id) => findContact(ctx.db, who.firm.id, id)))).filter(
          (c): c is ContactTable => c !== undefined,
        );
        if (!action.success || contacts.length === 0) {
          return dashboardPage(ctx, request, reply, who, {}, t("dashboard.bulk.none"), 400);
        }
        if (action.data === "revoke" && body.confirm !== "1")
          return confirmRevoke(request, reply, who, contacts);
        const { done, skipped } = await runBulk(ctx, who, action.data, contacts);
        return reply.redirect(
          `/${who.firm.code}/onboarding?done=${action.data}&n=${done}&skipped=${skipped}`,
          303,
        );
      }),
  );

  const approvalPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    who: StaffRequest,
    contact: ContactTable,
    link: string,
    problem?: string,
  ) => {
    const t = tr(request);
    return sendPage(request, reply, {
      title: t("dashboard.action.forward_approval"),
      status: problem ? 400 : 200,
      nav: firmNav(t, who.firm, who.staff),
      body: html`<h1>${t("dashboard.action.forward_approval")}</h1>
<p>${contact.first_name} ${contact.last_name} (${contact.email})</p>
<p>${t("guide.step.approve.who")}</p>
<p>${t("guide.step.approve.link")}</p>
<p class="mono">${link}</p>
<form method="post" action="/${who.firm.code}/onboarding/${contact.id}/approval">${csrfField(reply)}
${fieldError("admin_email", problem)}
<label for="admin_email">${t("guide.forward.email")}</label>
<input type="email" id="admin_email" name="admin_email" required autocomplete="off">
<button type="submit" class="primary">${t("guide.forward.send")}</button>
</form>
<p><a href="/${who.firm.code}/onboarding">${t("dashboard.title")}</a></p>`,
    });
  };

  const contactFor = async (who: StaffRequest, id: string) => {
    const contact = await findContact(ctx.db, who.firm.id, id);
    if (!contact) throw new PortalError(404, "contact.notFound");
    const link = approvalLink({
      authority: ctx.authority,
      clientId: ctx.config.SESAME_CLIENT_ID,
      portalOrigin: ctx.origin,
      firmCode: who.firm.code,
      state: await consentStateFor(ctx.db, who.firm.id, contact.id),
    });
    return { contact, link };
  };

  app.get("/:firm/onboarding/:id/approval", { schema: { params: firmItemParams } }, async (request, reply) =>
    staffOnly(ctx, request, reply, async (who) => {
      const { contact, link } = await contactFor(who, request.params.id);
      return approvalPage(request, reply, who, contact, link);
    }),
  );

  app.post(
    "/:firm/onboarding/:id/approval",
    { schema: { params: firmItemParams, body: formBody({ admin_email: optionalText }) } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const { contact, link } = await contactFor(who, request.params.id);
        const admin = z.string().trim().email().max(254).safeParse(request.body.admin_email);
        if (!admin.success)
          return approvalPage(request, reply, who, contact, link, tr(request)("guide.forward.invalid"));
        await sendApprovalLinkFor(ctx, who, {
          contact,
          adminEmail: admin.data,
          approvalLink: link,
          locale: request.locale,
        });
        return reply.redirect(`/${who.firm.code}/onboarding?state=approval_requested`, 303);
      }),
  );
}

function confirmRevoke(
  request: FastifyRequest,
  reply: FastifyReply,
  who: StaffRequest,
  contacts: readonly ContactTable[],
) {
  const t = tr(request);
  return sendPage(request, reply, {
    title: t("dashboard.revoke.title"),
    nav: firmNav(t, who.firm, who.staff),
    body: html`<h1>${t("dashboard.revoke.title")}</h1>
<p>${t("dashboard.revoke.lead")}</p>
<ul>${contacts.map((c) => html`<li>${c.first_name} ${c.last_name} (${c.email})</li>`)}</ul>
<form method="post" action="/${who.firm.code}/onboarding/bulk">${csrfField(reply)}
${contacts.map((c) => html`<input type="hidden" name="ids" value="${c.id}">`)}
<input type="hidden" name="action" value="revoke"><input type="hidden" name="confirm" value="1">
<div class="actions"><a class="button secondary" href="/${who.firm.code}/onboarding">${t("dashboard.revoke.cancel")}</a>
<button type="submit" class="danger">${t("dashboard.revoke.confirm", { count: contacts.length })}</button></div>
</form>`,
  });
}
