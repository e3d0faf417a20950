import { csrfField } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { tr } from "../ui/page";
import { mailDate } from "./consent-request-mails";
import { findAppRequestOf, openRequestOf, readPolicy } from "./consent-request-queries";
import { REASON_MAX } from "./consent-request-rules";

/** What "Need admin approval" knows of the sign-in that needs approval. */
export interface ApprovalAsk {
  readonly db: Kysely<IdentityDB>;
  readonly user: { readonly oid: string; readonly tid: string; readonly kind: string };
  readonly app: { readonly app_id: string; readonly display_name: string };
  readonly resourceAppId: string;
  readonly scopes: readonly string[];
}

/**
 * The admin consent workflow's part of "Need admin approval": nothing when the tenant has it off;
 * the pending request when the user already sent one for this app; otherwise "Request approval"
 * with a justification.
 */
export async function approvalRequestSection(
  request: FastifyRequest,
  reply: FastifyReply,
  ask: ApprovalAsk,
): Promise<SafeHtml> {
  if (ask.user.kind !== "work") return html``;
  const policy = await readPolicy(ask.db, ask.user.tid);
  if (!policy.isEnabled) return html``;
  const t = tr(request);
  const appRequest = await findAppRequestOf(ask.db, ask.user.tid, ask.app.app_id);
  const open = appRequest ? await openRequestOf(ask.db, appRequest.id, ask.user.oid) : undefined;
  if (open && Number(open.expires_at) > Date.now())
    return html`<p role="status">${t("consentRequests.pending", { app: ask.app.display_name, date: mailDate(Number(open.created_at), request.locale) })}</p>`;
  return html`<h2>${t("consentRequests.ask")}</h2>
<p>${t("consentRequests.askIntro")}</p>
<form method="post" action="/consent-requests">
${csrfField(reply)}
<input type="hidden" name="client_id" value="${ask.app.app_id}">
<input type="hidden" name="resource" value="${ask.resourceAppId}">
<input type="hidden" name="scopes" value="${ask.scopes.join(" ")}">
<input type="hidden" name="account" value="${ask.user.oid}">
<label for="reason">${t("consentRequests.reason")}</label>
<textarea id="reason" name="reason" rows="4" maxlength="${String(REASON_MAX)}" required></textarea>
<div class="actions"><button class="primary" type="submit">${t("consentRequests.send")}</button></div>
</form>`;
}
