import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { StaffRequest } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import { listStaff } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { dossierStatuses } from "../storage/dossier-table";
import { sendPage, tr } from "../ui/page";
import { listDossiers } from "./dossier-queries";

const PAGE_SIZE = 50;

export const listQuery = z.object({
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

/** One page of the firm's dossiers, filtered and paged by a keyset cursor. */
export async function listPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  query: z.infer<typeof listQuery>,
) {
  const t = tr(request);
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
}
