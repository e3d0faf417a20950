import { csrfField } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmParams, type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { formBody } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { importLookups } from "./import-lookups";
import { applyImport } from "./import-operations";
import { type ImportKind, planImport } from "./import-rows";

const form = formBody({
  kind: z.enum(["dossiers", "interlocuteurs"]).catch("dossiers"),
  csv: z.string().max(5_000_000).default(""),
  mode: z.enum(["check", "apply"]).catch("check"),
});

export function registerImportRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const roles = ["admin", "assistant"] as const;
  app.get("/:firm/import", { schema: { params: firmParams } }, async (request, reply) =>
    staffOnly(
      ctx,
      request,
      reply,
      async (who) => importPage(request, reply, who, "dossiers", "", html``),
      roles,
    ),
  );

  app.post("/:firm/import", { schema: { params: firmParams, body: form } }, async (request, reply) =>
    staffOnly(
      ctx,
      request,
      reply,
      async (who) => {
        const t = tr(request);
        const { kind, csv, mode } = request.body;
        const plan = planImport(kind, csv, await importLookups(ctx.db, who.firm.id));
        if (plan === "unreadable") {
          return importPage(
            request,
            reply,
            who,
            kind,
            csv,
            html`<p class="error" role="alert">${t("import.unreadable")}</p>`,
            400,
          );
        }
        if (plan.errors.length > 0) {
          const report = html`<h2>${t("import.report")}</h2><p class="error" role="alert">${t("import.failed", { count: plan.errors.length })}</p>
<ul>${plan.errors.map((e) => html`<li>${t("import.line", { line: e.line })}${t("portal.colon")} ${e.problems.map((p) => t(p)).join(" ")}</li>`)}</ul>`;
          return importPage(request, reply, who, kind, csv, report, 400);
        }
        if (mode === "check") {
          return importPage(
            request,
            reply,
            who,
            kind,
            csv,
            html`<h2>${t("import.report")}</h2><p role="status">${t("import.ok", { count: plan.rows.length })}</p>`,
          );
        }
        const applied = await applyImport(ctx, who, plan);
        // Someone else created the same SIREN or address meanwhile: the whole import was rolled back.
        if (!applied.ok)
          return importPage(
            request,
            reply,
            who,
            kind,
            csv,
            html`<p class="error" role="alert">${t(applied.refusal, { count: 1 })}</p>`,
            409,
          );
        return importPage(
          request,
          reply,
          who,
          kind,
          "",
          html`<p role="status">${t("import.done", { count: applied.count })}</p>`,
        );
      },
      roles,
    ),
  );
}

function importPage(
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  kind: ImportKind,
  csv: string,
  report: SafeHtml,
  status = 200,
) {
  const t = tr(request);
  return sendPage(request, reply, {
    title: t("import.title"),
    wide: true,
    status,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${t("import.title")}</h1><p>${t("import.lead")}</p>${report}
<form method="post" action="/${firm.code}/import">${csrfField(reply)}
<fieldset><legend>${t("import.kind")}</legend>
<label class="inline"><input type="radio" name="kind" value="dossiers" ${kind === "dossiers" ? "checked" : ""}> ${t("import.kind.dossiers")}</label>
<label class="inline"><input type="radio" name="kind" value="interlocuteurs" ${kind === "interlocuteurs" ? "checked" : ""}> ${t("import.kind.interlocuteurs")}</label>
</fieldset>
<label for="csv">${t("import.csv")}</label><textarea id="csv" name="csv" rows="12" required>${csv}</textarea>
<button type="submit" name="mode" value="check">${t("import.check")}</button>
<button type="submit" name="mode" value="apply">${t("import.apply")}</button>
</form>`,
  });
}
