import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { StaffRequest } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { findBranding } from "./branding-queries";
import { MAX_LOGO_BYTES } from "./branding-rules";

interface BrandingPageState {
  readonly error?: { readonly field: "logo" | "colour" | "sender_name"; readonly message: string };
  /** What the person typed, shown again after a refusal. */
  readonly values?: { readonly colour?: string | undefined; readonly sender_name?: string | undefined };
}

/** The firm's look: logo, colour and the sender name of its mails (firm administrators). */
export async function brandingPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  state: BrandingPageState,
  status = state.error ? 400 : 200,
) {
  const t = tr(request);
  const current = await findBranding(ctx.db, firm.id);
  const colour = state.values?.colour ?? current?.colour ?? "";
  const sender = state.values?.sender_name ?? current?.sender_name ?? "";
  const error = (field: "logo" | "colour" | "sender_name") =>
    state.error?.field === field ? state.error.message : undefined;
  const invalid = (field: "logo" | "colour" | "sender_name") =>
    state.error?.field === field ? html` aria-invalid="true" aria-describedby="${field}-error"` : html``;
  return sendPage(request, reply, {
    status,
    title: t("branding.title"),
    nav: firmNav(t, firm, staff),
    body: html`<h1>${t("branding.title")}</h1><p>${t("branding.lead")}</p>
<form method="post" action="/${firm.code}/branding" enctype="multipart/form-data">${csrfField(reply)}
<h2>${t("branding.logo")}</h2>
${
  current?.logo_base64
    ? html`<p><img src="/${firm.code}/logo?v=${String(current.updated_at)}" alt="${t("branding.logo.current", { firm: firm.name })}" class="firm-logo-preview"></p>
<p><input type="checkbox" id="remove_logo" name="remove_logo" value="1"> <label for="remove_logo">${t("branding.logo.remove")}</label></p>`
    : html`<p class="muted">${t("branding.logo.none")}</p>`
}
<label for="logo">${t("branding.logo.file")}</label>
<p class="muted" id="logo-hint">${t("branding.logo.hint", { kb: MAX_LOGO_BYTES / 1024 })}</p>${fieldError("logo", error("logo"))}
<input type="file" id="logo" name="logo" accept="image/png,image/jpeg,image/webp"${invalid("logo")}>
<h2>${t("branding.colour")}</h2>
<label for="colour">${t("branding.colour.label")}</label>
<p class="muted">${t("branding.colour.hint")}</p>${fieldError("colour", error("colour"))}
<input type="text" id="colour" name="colour" value="${colour}" placeholder="#0067b8" maxlength="7" autocomplete="off"${invalid("colour")}>
<h2>${t("branding.sender")}</h2>
<label for="sender_name">${t("branding.sender.label")}</label>
<p class="muted">${t("branding.sender.hint", { firm: firm.name })}</p>${fieldError("sender_name", error("sender_name"))}
<input type="text" id="sender_name" name="sender_name" value="${sender}" maxlength="80"${invalid("sender_name")}>
<p><button type="submit" class="primary">${t("branding.save")}</button></p>
</form>`,
  });
}
