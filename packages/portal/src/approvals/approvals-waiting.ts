import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import type { Firm } from "../firms/firm-queries";
import type { T } from "../i18n/messages";
import type { PortalDB } from "../storage/schema";
import { pendingApprovalsOf } from "./approval-queries";

/** The client home's "documents waiting for my approval" section (nothing when none waits). */
export async function approvalsWaitingSection(
  db: Kysely<PortalDB>,
  t: T,
  firm: Firm,
  contactId: string,
): Promise<SafeHtml> {
  const waiting = await pendingApprovalsOf(db, firm.id, contactId);
  if (waiting.length === 0) return html``;
  return html`<section class="approvals-waiting" aria-labelledby="approvals-waiting"><h2 id="approvals-waiting">${t("approval.waiting.title")}</h2>
<ul>${waiting.map(
    (a) =>
      html`<li><a href="/${firm.code}/dossiers/${a.dossier_id}/approvals/${a.id}">${t("approval.waiting.item", { document: a.document_name, version: a.version_number, dossier: a.dossier_name })}</a></li>`,
  )}</ul></section>`;
}
