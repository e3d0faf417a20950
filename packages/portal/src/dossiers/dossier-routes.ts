import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { HttpError } from "@sesame/kit/http/http-error";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../audit/audit-log";
import { contactsOfDossier } from "../contacts/contact-queries";
import { type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import { listStaff } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { dossierStatuses } from "../storage/dossier-table";
import { sendPage, tr } from "../ui/page";
import { type DossierFormValues, dossierForm } from "./dossier-form";
import { type DossierErrorKey, type DossierField, parseDossier } from "./dossier-input";
import { findDossier, insertDossier, listDossiers, updateDossier } from "./dossier-queries";

const PAGE_SIZE = 50;

const listQuery = z.object({
  q: z.string().max(100).optional(),
  status: z
    .enum(dossierStatuses as ["onboarding", "active", "archived"])
    .optional()
    .catch(undefined),
  accountant: z.string().max(64).optional(),
  after: z.string().max(400).optional(),
});

const cursorOf = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString("base64url");
function readCursor(value: string | undefined) {
  if (!value) return undefined;
  try {
    const [key, id] = JSON.parse(Buffer.from(value, "base64url").toString()) as unknown[];
    return typeof key === "string" && typeof id === "string" ? { key, id } : undefined;
  } catch {
    return undefined;
  }
}

export function registerDossierRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get(
    "/:firm/dossiers",
    staffOnly(ctx, async (request, reply, { firm, staff }) => {
      const t = tr(request);
      const query = listQuery.parse(request.query ?? {});
      // An accountant sees the dossiers in their charge; admins and assistants see all of them.
      const accountantId = staff.role === "accountant" ? staff.id : query.accountant || undefined;
      const [rows, team] = await Promise.all([
        listDossiers(ctx.db, firm.id, {
          query: query.q,
          status: query.status,
          accountantId,
          after: readCursor(query.after),
          limit: PAGE_SIZE + 1,
        }),
        listStaff(ctx.db, firm.id),
      ]);
      const page = rows.slice(0, PAGE_SIZE);
      const last = page[page.length - 1];
      const params = new URLSearchParams();
      if (query.q) params.set("q", query.q);
      if (query.status) params.set("status", query.status);
      if (query.accountant) params.set("accountant", query.accountant);
      const firstHref = `/${firm.code}/dossiers?${params}`;
      if (last && rows.length > PAGE_SIZE) params.set("after", cursorOf(last.name_key, last.id));
      const accountants = team.filter((s) => s.role !== "assistant");
      return sendPage(request, reply, {
        title: t("dossier.list.title"),
        wide: true,
        nav: firmNav(t, firm, staff),
        body: html`<h1>${t("dossier.list.title")}</h1>
<p><a href="/${firm.code}/dossiers/new">${t("dossier.list.new")}</a></p>
<form method="get" action="/${firm.code}/dossiers" role="search" class="filters">
<label for="q">${t("dossier.list.search")}</label><input id="q" name="q" type="search" value="${query.q ?? ""}">
<label for="f-status">${t("dossier.list.status")}</label>
<select id="f-status" name="status"><option value="">${t("dossier.list.all")}</option>
${dossierStatuses.map((s) => html`<option value="${s}" ${s === query.status ? "selected" : ""}>${t(`dossier.status.${s}`)}</option>`)}</select>
${
  staff.role === "accountant"
    ? ""
    : html`<label for="f-accountant">${t("dossier.list.accountant")}</label>
<select id="f-accountant" name="accountant"><option value="">${t("dossier.list.all")}</option>
${accountants.map((a) => html`<option value="${a.id}" ${a.id === query.accountant ? "selected" : ""}>${a.display_name}</option>`)}</select>`
}
<button type="submit" class="primary">${t("dossier.list.filter")}</button>
</form>
${
  page.length === 0
    ? html`<p>${t("dossier.list.empty")}</p>`
    : html`<table><thead><tr><th scope="col">${t("dossier.name")}</th><th scope="col">SIREN</th><th scope="col">${t("dossier.accountant")}</th><th scope="col">${t("dossier.status")}</th></tr></thead>
<tbody>${page.map((d) => html`<tr><td><a href="/${firm.code}/dossiers/${d.id}">${d.name}</a></td><td>${d.siren}</td><td>${d.accountant_name ?? t("dossier.noAccountant")}</td><td>${t(`dossier.status.${d.status}`)}</td></tr>`)}</tbody></table>`
}
<p>${query.after ? html`<a href="${firstHref}">${t("dossier.list.first")}</a> ` : ""}${
          rows.length > PAGE_SIZE
            ? html`<a href="/${firm.code}/dossiers?${params.toString()}" rel="next">${t("dossier.list.next")}</a>`
            : ""
        }</p>`,
      });
    }),
  );

  app.get(
    "/:firm/dossiers/new",
    staffOnly(ctx, (request, reply, who) => formPage(ctx, request, reply, who, undefined, {}, {})),
  );

  app.post(
    "/:firm/dossiers/new",
    staffOnly(ctx, async (request, reply, who) => {
      const accountants = await accountantIds(ctx, who);
      const parsed = parseDossier(request.body, accountants);
      const body = request.body as DossierFormValues;
      if (!parsed.ok) return formPage(ctx, request, reply, who, undefined, body, parsed.errors);
      try {
        const dossier = await ctx.db.transaction().execute(async (trx) => {
          const row = await insertDossier(trx, who.firm.id, parsed.input);
          await recordAudit(trx, {
            firmId: who.firm.id,
            actor: who.staff.email,
            action: "dossier.create",
            target: `${row.name} (${row.siren})`,
          });
          return row;
        });
        return reply.redirect(`/${who.firm.code}/dossiers/${dossier.id}`, 303);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return formPage(ctx, request, reply, who, undefined, body, {
          siren: "dossier.error.duplicate" as DossierErrorKey,
        });
      }
    }),
  );

  app.get(
    "/:firm/dossiers/:id",
    staffOnly(ctx, async (request, reply, who) => {
      const dossier = await visibleDossier(ctx, request, who);
      return formPage(ctx, request, reply, who, dossier.id, dossier, {});
    }),
  );

  app.post(
    "/:firm/dossiers/:id",
    staffOnly(ctx, async (request, reply, who) => {
      const dossier = await visibleDossier(ctx, request, who);
      const parsed = parseDossier(request.body, await accountantIds(ctx, who));
      const body = request.body as DossierFormValues;
      if (!parsed.ok) return formPage(ctx, request, reply, who, dossier.id, body, parsed.errors);
      try {
        await ctx.db.transaction().execute(async (trx) => {
          await updateDossier(trx, who.firm.id, dossier.id, parsed.input);
          await recordAudit(trx, {
            firmId: who.firm.id,
            actor: who.staff.email,
            action: "dossier.update",
            target: `${parsed.input.name} (${dossier.siren})`,
          });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return formPage(ctx, request, reply, who, dossier.id, body, {
          siren: "dossier.error.duplicate" as DossierErrorKey,
        });
      }
      return reply.redirect(`/${who.firm.code}/dossiers/${dossier.id}`, 303);
    }),
  );
}

async function accountantIds(ctx: PortalContext, { firm }: StaffRequest): Promise<string[]> {
  return (await listStaff(ctx.db, firm.id)).filter((s) => s.role !== "assistant").map((s) => s.id);
}

async function visibleDossier(ctx: PortalContext, request: FastifyRequest, { firm, staff }: StaffRequest) {
  const { id } = request.params as { id: string };
  const dossier = await findDossier(ctx.db, firm.id, id);
  if (!dossier || (staff.role === "accountant" && dossier.accountant_id !== staff.id)) {
    throw new HttpError(404, "dossier.notFound");
  }
  return dossier;
}

async function formPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  dossierId: string | undefined,
  values: DossierFormValues,
  errors: Partial<Record<DossierField, DossierErrorKey>>,
) {
  const t = tr(request);
  const accountants = (await listStaff(ctx.db, firm.id)).filter((s) => s.role !== "assistant");
  const contacts = dossierId ? await contactsOfDossier(ctx.db, dossierId) : [];
  const title = dossierId ? (values.name ?? t("dossier.list.title")) : t("dossier.new.title");
  const form = dossierForm(t, reply, {
    action: dossierId ? `/${firm.code}/dossiers/${dossierId}` : `/${firm.code}/dossiers/new`,
    submit: dossierId ? t("dossier.save") : t("dossier.create"),
    values,
    errors,
    accountants,
  });
  const rights = (c: { can_read: number; can_upload: number; can_approve: number }) =>
    [
      c.can_read ? t("dossier.right.read") : "",
      c.can_upload ? t("dossier.right.upload") : "",
      c.can_approve ? t("dossier.right.approve") : "",
    ]
      .filter(Boolean)
      .join(", ");
  return sendPage(request, reply, {
    title,
    wide: true,
    status: Object.keys(errors).length > 0 ? 400 : 200,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${title}</h1>${form}
${
  dossierId
    ? html`<h2>${t("dossier.contacts")}</h2>
${
  contacts.length === 0
    ? html`<p>${t("dossier.contacts.none")}</p>`
    : html`<ul>${contacts.map((c) => html`<li><a href="/${firm.code}/interlocuteurs/${c.id}">${c.first_name} ${c.last_name}</a> (${c.email}) · ${t("dossier.rights")} : ${rights(c)}</li>`)}</ul>`
}
<p><a href="/${firm.code}/interlocuteurs/new?dossier=${dossierId}">${t("dossier.contacts.add")}</a></p>`
    : ""
}`,
  });
}
