import { csrfField } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { findContactByEmail } from "../contacts/contact-queries";
import { firmParams, type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import { registerMultipartForm } from "../forms/multipart-form";
import { importLookups } from "../imports/import-lookups";
import { applyImport } from "../imports/import-operations";
import { planImport } from "../imports/import-rows";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import { formBody, optionalText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { runBulk } from "./bulk-operations";

const MAX_BYTES = 5_000_000;

/** The template offered for download: the columns the import reads, with one example line. */
const TEMPLATE =
  "civilité;prénom;nom;email;téléphone;langue;dossier;droits\r\nMme;Camille;Durand;camille.durand@example.fr;06 12 34 56 78;fr;732829320;lecture dépôt\r\n";

/** Text with a NUL byte is no CSV (a spreadsheet's binary file, an image). */
const csvText = (text: string | undefined): string | undefined =>
  text === undefined || text.includes("\u0000") ? undefined : text;

const uploadBody = formBody({
  file: z.string().max(MAX_BYTES).optional(),
  mode: z.enum(["check", "apply"]).catch("check"),
  invite: optionalText,
});

/** Contacts imported from an uploaded CSV file (/{firm}/onboarding/import), then invited at once if asked. */
export function registerFileImportRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const roles = ["admin", "assistant", "accountant"] as const;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/:firm/onboarding/import/modele.csv", { schema: { params: firmParams } }, async (request, reply) =>
    staffOnly(ctx, request, reply, async () =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="modele-interlocuteurs.csv"')
        .send(`\uFEFF${TEMPLATE}`),
    ),
  );
  app.get("/:firm/onboarding/import", { schema: { params: firmParams } }, async (request, reply) =>
    staffOnly(ctx, request, reply, async (who) => uploadPage(request, reply, who, html``), roles),
  );
  registerMultipartForm(
    fastify,
    {
      maxFileBytes: MAX_BYTES,
      throwFileSizeLimit: true,
      badUpload: "dashboard.import.badUpload",
      async readFile(part) {
        const bytes = await part.toBuffer();
        // UTF-8 (with or without BOM), or Windows-1252 as older French Excel saves it.
        try {
          return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          return new TextDecoder("windows-1252").decode(bytes);
        }
      },
    },
    (scope) => {
      const upload = scope.withTypeProvider<ZodTypeProvider>();
      upload.post(
        "/:firm/onboarding/import",
        { schema: { params: firmParams, body: uploadBody } },
        async (request, reply) =>
          staffOnly(
            ctx,
            request,
            reply,
            async (who) => {
              const t = tr(request);
              const csv = csvText(request.body.file);
              const plan = csv
                ? planImport("interlocuteurs", csv, await importLookups(ctx.db, who.firm.id))
                : "unreadable";
              const alert = (text: string, status: number) =>
                uploadPage(request, reply, who, html`<p class="error" role="alert">${text}</p>`, status);
              if (plan === "unreadable" || plan.kind !== "interlocuteurs")
                return alert(t("import.unreadable"), 400);
              if (plan.errors.length > 0) {
                const report = html`<h2>${t("import.report")}</h2><p class="error" role="alert">${t("import.failed", { count: plan.errors.length })}</p>
<ul>${plan.errors.map((e) => html`<li>${t("import.line", { line: e.line })} : ${e.problems.map((p) => t(p)).join(" ")}</li>`)}</ul>`;
                return uploadPage(request, reply, who, report, 400);
              }
              if (request.body.mode === "check")
                return uploadPage(
                  request,
                  reply,
                  who,
                  html`<h2>${t("import.report")}</h2><p role="status">${t("import.ok", { count: plan.rows.length })}</p>`,
                );
              const applied = await applyImport(ctx, who, plan);
              if (!applied.ok) return alert(t(applied.refusal, { count: 1 }), 409);
              if (request.body.invite !== "1")
                return uploadPage(
                  request,
                  reply,
                  who,
                  html`<p role="status">${t("import.done", { count: applied.count })}</p>`,
                );
              const imported = (
                await Promise.all(
                  plan.rows.map((r) => findContactByEmail(ctx.db, who.firm.id, r.contact.email)),
                )
              ).filter((c): c is ContactTable => c !== undefined);
              const { done, skipped } = await runBulk(ctx, who, "invite", imported);
              return reply.redirect(
                `/${who.firm.code}/onboarding?done=invite&n=${done}&skipped=${skipped}`,
                303,
              );
            },
            roles,
          ),
      );
    },
  );
}

function uploadPage(
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  report: SafeHtml,
  status = 200,
) {
  const t = tr(request);
  return sendPage(request, reply, {
    title: t("dashboard.import.title"),
    status,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${t("dashboard.import.title")}</h1>
<p>${t("dashboard.import.lead")}</p>
<p><a href="/${firm.code}/onboarding/import/modele.csv" download>${t("dashboard.import.template")}</a></p>
${report}
<form method="post" action="/${firm.code}/onboarding/import" enctype="multipart/form-data">${csrfField(reply)}
<label for="file">${t("dashboard.import.file")}</label>
<input type="file" id="file" name="file" accept=".csv,text/csv" required>
<div class="check"><input type="checkbox" id="invite" name="invite" value="1"><label for="invite">${t("dashboard.import.invite")}</label></div>
<button type="submit" name="mode" value="check" class="secondary">${t("import.check")}</button>
<button type="submit" name="mode" value="apply" class="primary">${t("import.apply")}</button>
</form>`,
  });
}
