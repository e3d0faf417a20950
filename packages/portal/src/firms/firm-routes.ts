import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { listAudit, recordAudit } from "../audit/audit-log";
import { listTenantConsents } from "../consent/consent-registry";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { firmOf, type StaffRequest, sessionOf, staffOnly } from "./firm-access";
import { firmNav, formatDate } from "./firm-nav";
import { insertStaff, listStaff, updateFirmSettings } from "./firm-queries";

const settingsForm = z.object({
  name: z.string().trim().min(1).max(200),
  contact_email: z.union([z.literal(""), z.string().trim().email()]),
});

const staffForm = z.object({
  display_name: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(254),
  role: z.enum(["admin", "accountant", "assistant"]),
  expected_tenant: z.string().trim().min(3).max(253),
});

export function registerFirmRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get("/:firm", async (request, reply) => {
    const firm = await firmOf(ctx, request);
    const session = await sessionOf(ctx, request);
    if (session?.firm_id === firm.id) {
      return reply.redirect(`/${firm.code}/${session.kind === "staff" ? "dossiers" : "espace"}`);
    }
    return reply.redirect(`/${firm.code}/signin`);
  });

  app.get(
    "/:firm/settings",
    staffOnly(ctx, (request, reply, who) => settingsPage(ctx, request, reply, who), ["admin"]),
  );

  app.post(
    "/:firm/settings",
    staffOnly(
      ctx,
      async (request, reply, who) => {
        const parsed = settingsForm.safeParse(request.body);
        if (!parsed.success) {
          const bad =
            parsed.error.issues[0]?.path[0] === "name"
              ? "firm.settings.nameRequired"
              : "firm.settings.emailInvalid";
          return settingsPage(ctx, request, reply, who, { error: bad });
        }
        await ctx.db.transaction().execute(async (trx) => {
          await updateFirmSettings(trx, who.firm.id, {
            name: parsed.data.name,
            contactEmail: parsed.data.contact_email || null,
          });
          await recordAudit(trx, {
            firmId: who.firm.id,
            actor: who.staff.email,
            action: "firm.settings",
            target: who.firm.code,
          });
        });
        return reply.redirect(`/${who.firm.code}/settings?saved=1`, 303);
      },
      ["admin"],
    ),
  );

  app.post(
    "/:firm/staff",
    staffOnly(
      ctx,
      async (request, reply, who) => {
        const parsed = staffForm.safeParse(request.body);
        if (!parsed.success)
          return settingsPage(ctx, request, reply, who, { staffError: "firm.staff.invalid" });
        try {
          await ctx.db.transaction().execute(async (trx) => {
            await insertStaff(trx, {
              firmId: who.firm.id,
              email: parsed.data.email,
              displayName: parsed.data.display_name,
              role: parsed.data.role,
              expectedTenant: parsed.data.expected_tenant,
            });
            await recordAudit(trx, {
              firmId: who.firm.id,
              actor: who.staff.email,
              action: "staff.add",
              target: parsed.data.email,
            });
          });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          return settingsPage(ctx, request, reply, who, { staffError: "firm.staff.duplicate" });
        }
        return reply.redirect(`/${who.firm.code}/settings`, 303);
      },
      ["admin"],
    ),
  );

  app.get(
    "/:firm/audit",
    staffOnly(
      ctx,
      async (request, reply, { firm, staff }) => {
        const t = tr(request);
        const entries = await listAudit(ctx.db, firm.id);
        return sendPage(request, reply, {
          title: t("firm.audit.title"),
          wide: true,
          nav: firmNav(t, firm, staff),
          body: html`<h1>${t("firm.audit.title")}</h1>
${
  entries.length === 0
    ? html`<p>${t("firm.audit.empty")}</p>`
    : html`<table><thead><tr><th scope="col">${t("firm.audit.when")}</th><th scope="col">${t("firm.audit.who")}</th><th scope="col">${t("firm.audit.what")}</th><th scope="col">${t("firm.audit.target")}</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${formatDate(e.at, request.locale)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.target}</td></tr>`)}</tbody></table>`
}`,
        });
      },
      ["admin"],
    ),
  );
}

type SettingsError = "firm.settings.nameRequired" | "firm.settings.emailInvalid";
type StaffError = "firm.staff.invalid" | "firm.staff.duplicate";

async function settingsPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  problems: { error?: SettingsError; staffError?: StaffError } = {},
) {
  const t = tr(request);
  const [team, consents] = await Promise.all([
    listStaff(ctx.db, firm.id),
    listTenantConsents(ctx.db, firm.id),
  ]);
  const saved = (request.query as { saved?: string }).saved === "1";
  const roles = ["admin", "accountant", "assistant"] as const;
  // One token for every form of the page: on a first visit each call would start a new CSRF secret.
  const csrf = csrfField(reply);
  return sendPage(request, reply, {
    title: t("firm.settings.title"),
    wide: true,
    status: problems.error || problems.staffError ? 400 : 200,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${t("firm.settings.title")}</h1>
${saved ? html`<p role="status">${t("firm.settings.saved")}</p>` : ""}
<p>${t("firm.settings.code", { code: firm.code })}</p>
<p>${t("firm.settings.redirect", { url: `${ctx.origin}/${firm.code}/authorize` })}</p>
<form method="post" action="/${firm.code}/settings">${csrf}
${fieldError("settings", problems.error ? t(problems.error) : undefined)}
<label for="name">${t("firm.settings.name")}</label>
<input type="text" id="name" name="name" required value="${firm.name}">
<label for="contact_email">${t("firm.settings.contactEmail")}</label>
<input id="contact_email" name="contact_email" type="email" value="${firm.contact_email ?? ""}">
<button type="submit" class="primary">${t("firm.settings.save")}</button>
</form>
<h2>${t("firm.staff.title")}</h2>
<table><thead><tr><th scope="col">${t("firm.staff.name")}</th><th scope="col">${t("firm.staff.email")}</th><th scope="col">${t("firm.staff.role")}</th><th scope="col">${t("firm.staff.status")}</th></tr></thead>
<tbody>${team.map(
      (s) =>
        html`<tr><td>${s.display_name}</td><td>${s.email}</td><td>${t(`firm.role.${s.role}`)}</td><td>${
          s.first_signin_at
            ? t("firm.staff.bound", { date: formatDate(s.first_signin_at, request.locale) })
            : t("firm.staff.awaiting")
        }</td></tr>`,
    )}</tbody></table>
<h3>${t("firm.staff.add")}</h3>
<form method="post" action="/${firm.code}/staff">${csrf}
${fieldError("staff", problems.staffError ? t(problems.staffError) : undefined)}
<label for="display_name">${t("firm.staff.name")}</label><input type="text" id="display_name" name="display_name" required>
<label for="staff_email">${t("firm.staff.email")}</label><input id="staff_email" name="email" type="email" required>
<label for="role">${t("firm.staff.role")}</label>
<select id="role" name="role">${roles.map((r) => html`<option value="${r}">${t(`firm.role.${r}`)}</option>`)}</select>
<label for="expected_tenant">${t("firm.staff.tenant")}</label><input type="text" id="expected_tenant" name="expected_tenant" required value="${staff.expected_tenant}">
<button type="submit" class="primary">${t("firm.staff.add")}</button>
</form>
<h2>${t("firm.consents.title")}</h2>
${
  consents.length === 0
    ? html`<p>${t("firm.consents.none")}</p>`
    : html`<table><thead><tr><th scope="col">${t("firm.consents.tenant")}</th><th scope="col">${t("firm.consents.by")}</th><th scope="col">${t("firm.consents.when")}</th><th scope="col">${t("firm.consents.permissions")}</th><th scope="col">${t("firm.consents.state")}</th></tr></thead>
<tbody>${consents.map(
        (c) =>
          html`<tr><td>${c.tenant_id}</td><td>${c.consented_by_name ?? t("firm.consents.unknownAuthor")}</td><td>${formatDate(c.consented_at, request.locale)}</td><td>${c.permissions}</td><td>${
            c.revoked_at
              ? t("firm.consents.revoked", { date: formatDate(c.revoked_at, request.locale) })
              : t("firm.consents.active")
          }</td></tr>`,
      )}</tbody></table>`
}`,
  });
}
