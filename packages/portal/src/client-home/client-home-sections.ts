import { html, type SafeHtml } from "@sesame/kit/ui/html";
import { approvalsWaitingSection } from "../approvals/approvals-waiting";
import type { Contact } from "../contacts/contact-queries";
import type { Firm } from "../firms/firm-queries";
import type { T } from "../i18n/messages";
import { unreadMessagesSection } from "../messages/unread-messages";
import { showDay } from "../requests/request-page";
import { itemsAwaitingContact } from "../requests/request-queries";
import { parisDay, urgency } from "../requests/request-rules";
import type { PortalContext } from "../service/portal-context";

/** A dossier the signed-in contact is linked to, with their rights there. */
export interface HomeDossier {
  readonly id: string;
  readonly name: string;
  readonly siren: string;
  readonly can_read: number;
  readonly can_upload: number;
  readonly can_approve: number;
}

/** What every section of the client's home is given: who, which firm, the dossiers shown. */
export interface ClientHomeView {
  readonly ctx: PortalContext;
  readonly t: T;
  readonly locale: "fr" | "en";
  readonly firm: Firm;
  readonly contact: Contact;
  /** The dossier switcher's choice: one dossier, or all of them. */
  readonly dossiers: readonly HomeDossier[];
}

/** One part of the home page; empty when it has nothing to say. */
export type ClientHomeSection = (view: ClientHomeView) => Promise<SafeHtml | "">;

/** What the firm expects first: items to provide, late ones first (then by due date). */
export const openRequestsSection: ClientHomeSection = async ({ ctx, t, locale, firm, contact, dossiers }) => {
  const shown = new Set(dossiers.map((d) => d.id));
  const today = parisDay(Date.now());
  const items = (await itemsAwaitingContact(ctx.db, contact.id)).filter((i) => shown.has(i.dossier_id));
  return html`<section aria-labelledby="home-requests"><h2 id="home-requests">${t("clienthome.requests")}</h2>
${
  items.length === 0
    ? html`<p>${t("clienthome.noRequests")}</p>`
    : html`<ul class="home-requests">${items.map((i) => {
        const late = urgency(i.due_date, today) === "late";
        return html`<li><a href="/${firm.code}/dossiers/${i.dossier_id}/demandes/${i.list_id}#item-${i.id}"><strong>${i.label}</strong></a><br>
${i.dossier_name} · ${i.title} · ${t("request.item.due", { date: showDay(i.due_date, locale) })}${late ? html` · <strong class="error">${t("request.late")}</strong>` : ""}${i.status === "rejected" ? html` · ${t("request.status.rejected")}` : ""}</li>`;
      })}</ul>`
}</section>`;
};

/** Documents waiting for this contact's approval (approvals/). */
const documentsToApproveSection: ClientHomeSection = ({ ctx, t, firm, contact }) =>
  approvalsWaitingSection(ctx.db, t, firm, contact.id);

/** Threads with messages the contact has not read yet (messages/). */
const unreadMessagesOfContact: ClientHomeSection = ({ ctx, t, firm, contact }) =>
  unreadMessagesSection(ctx.db, t, firm, { kind: "contact", id: contact.id });

/** The dossiers themselves: their requests and documents, and the contact's rights there. */
export const dossiersSection: ClientHomeSection = async ({ t, firm, dossiers }) =>
  html`<section aria-labelledby="home-dossiers"><h2 id="home-dossiers">${t("space.dossiers")}</h2>
${
  dossiers.length === 0
    ? html`<p>${t("space.none")}</p>`
    : html`<ul>${dossiers.map(
        (d) => html`<li><strong>${d.name}</strong> (SIREN ${d.siren})<br>
<a href="/${firm.code}/dossiers/${d.id}/demandes">${t("clienthome.requestsLink")}</a> · <a href="/${firm.code}/dossiers/${d.id}/documents">${t("clienthome.documentsLink")}</a> · <a href="/${firm.code}/dossiers/${d.id}/messages">${t("message.link")}</a>${d.can_approve ? html` · <a href="/${firm.code}/dossiers/${d.id}/approvals">${t("approval.link")}</a>` : ""} · ${[
          d.can_read ? t("dossier.right.read") : "",
          d.can_upload ? t("dossier.right.upload") : "",
          d.can_approve ? t("dossier.right.approve") : "",
        ]
          .filter(Boolean)
          .join(", ")}</li>`,
      )}</ul>`
}</section>`;

export const profileSection: ClientHomeSection = async ({ t, firm, contact }) => {
  const name = `${contact.first_name} ${contact.last_name}`;
  return html`<section aria-labelledby="home-profile"><h2 id="home-profile">${t("space.profile")}</h2>
<p>${t(`contact.civility.${contact.civility}`)} ${name}</p>
<p>${t("space.account", { email: contact.email })}</p>
${contact.phone ? html`<p>${contact.phone}</p>` : ""}
<p>${t("space.firm", { firm: firm.name })}</p></section>`;
};

/**
 * The home, top to bottom: one more section (unread messages, say) is one more line here, in the
 * place it should appear.
 */
export const clientHomeSections: readonly ClientHomeSection[] = [
  openRequestsSection,
  documentsToApproveSection,
  unreadMessagesOfContact,
  dossiersSection,
  profileSection,
];
