import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Problem, refusalProblem } from "../admin/admin-page";
import type { IdentityContext } from "../context";
import { changeSeats } from "../licences/licence-changes";
import { listSkus, requireSku } from "../licences/licence-operations";
import { listSubscriptions } from "../licences/licence-queries";
import { listDomains } from "../tenants/tenant-operations";
import { sendPage, tr } from "../ui/page";
import { asReseller, type ResellerSession } from "./reseller-guard";
import { requireCustomer } from "./reseller-operations";

const params = z.object({ id: z.string().max(64) });
const seatsForm = z.object({
  sku: z.string().max(64),
  seats: z
    .string()
    .regex(/^\d{1,7}$/)
    .transform(Number),
  mode: z.enum(["add", "set"]),
});

/** One customer: its domains and subscriptions; buy seats or change a seat count. */
export function registerCustomerRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    session: ResellerSession,
    problem?: Problem,
  ) {
    const t = tr(request);
    const { id } = params.parse(request.params);
    const tenant = await requireCustomer(ctx.db, session.resellerTenantId, id);
    const [domains, subscriptions, skus] = await Promise.all([
      listDomains(ctx.db, tenant.id),
      listSubscriptions(ctx.db, tenant.id),
      listSkus(ctx.db),
    ]);
    const csrf = csrfField(reply);
    const body = html`<p><a href="/reseller">${t("reseller.back")}</a></p>
<h1>${tenant.display_name}</h1>
${problem ? html`<p class="error" role="alert">${problem.message}</p>` : html``}
<p class="muted">${tenant.id} · ${domains.map((d) => d.name).join(", ")}</p>
<h2>${t("reseller.subscriptions")}</h2>
<table><thead><tr><th scope="col">${t("admin.licences.product")}</th><th scope="col">${t("admin.licences.assigned")}</th>
<th scope="col">${t("admin.licences.total")}</th></tr></thead><tbody>${subscriptions.map(
      (s) => html`<tr><td>${s.displayName}</td><td>${s.assigned}</td><td>${s.seats}</td></tr>`,
    )}</tbody></table>
<form method="post" action="/reseller/customers/${tenant.id}/seats" novalidate>${csrf}
<label for="sku">${t("reseller.product")}</label>
<select id="sku" name="sku">${skus.map((k) => html`<option value="${k.part_number}">${k.display_name}</option>`)}</select>
<label for="seats">${t("reseller.seats")}</label><input id="seats" type="text" name="seats" inputmode="numeric" required maxlength="7">
<div class="actions"><button class="primary" type="submit" name="mode" value="add">${t("reseller.addSeats")}</button>
<button class="secondary" type="submit" name="mode" value="set">${t("reseller.setSeats")}</button></div></form>`;
    return sendPage(request, reply, {
      title: tenant.display_name,
      body,
      wide: true,
      status: problem?.status ?? 200,
    });
  }

  app.get(
    "/reseller/customers/:id",
    { schema: { params } },
    asReseller(ctx, (request, reply, session) => render(request, reply, session)),
  );

  app.post(
    "/reseller/customers/:id/seats",
    { schema: { params } },
    asReseller(ctx, async (request, reply, session) => {
      const t = tr(request);
      const { id } = params.parse(request.params);
      const tenant = await requireCustomer(ctx.db, session.resellerTenantId, id);
      const parsed = seatsForm.safeParse(request.body ?? {});
      if (!parsed.success)
        return render(request, reply, session, { message: t("directory.error.invalid"), status: 400 });
      const form = parsed.data;
      try {
        const sku = await requireSku(ctx.db, form.sku);
        await changeSeats(ctx, session.actor, tenant.id, sku, form.mode, form.seats);
        return reply.redirect(`/reseller/customers/${tenant.id}`, 303);
      } catch (error) {
        return render(request, reply, session, refusalProblem(request, error));
      }
    }),
  );
}
