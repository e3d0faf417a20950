import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { Firm, Staff } from "../firms/firm-queries";
import type { T } from "../i18n/messages";
import { unreadMessagesSection } from "../messages/unread-messages";
import { firmRequestSummary } from "../requests/request-queries";
import { parisDay } from "../requests/request-rules";
import type { PortalContext } from "../service/portal-context";

/** What every section of a staff member's home is given. */
export interface FirmHomeView {
  readonly ctx: PortalContext;
  readonly t: T;
  readonly firm: Firm;
  readonly staff: Staff;
}

export type FirmHomeSection = (view: FirmHomeView) => Promise<SafeHtml | "">;

interface DossierLine {
  readonly dossierId: string;
  readonly name: string;
  readonly accountant: string | null;
  late: number;
  review: number;
  /** The list to open first: one with an answer to review, else one with a late item. */
  listId: string;
}

/**
 * Per dossier (an accountant: the dossiers in their charge; an admin: all, by accountant): items
 * late and answers waiting for review, each leading to the list to open.
 */
export const requestsToFollowSection: FirmHomeSection = async ({ ctx, t, firm, staff }) => {
  const rows = await firmRequestSummary(
    ctx.db,
    firm.id,
    parisDay(Date.now()),
    staff.role === "accountant" ? staff.id : undefined,
  );
  const lines = new Map<string, DossierLine>();
  for (const r of rows) {
    const line = lines.get(r.dossier_id) ?? {
      dossierId: r.dossier_id,
      name: r.dossier_name,
      accountant: r.accountant,
      late: 0,
      review: 0,
      listId: r.list_id,
    };
    if (r.status === "answered") {
      if (line.review === 0) line.listId = r.list_id;
      line.review++;
    } else line.late++;
    lines.set(r.dossier_id, line);
  }
  const byAccountant = new Map<string, DossierLine[]>();
  for (const line of lines.values()) {
    const who = line.accountant ?? t("firmhome.unassigned");
    byAccountant.set(who, [...(byAccountant.get(who) ?? []), line]);
  }
  return html`<section aria-labelledby="home-follow"><h2 id="home-follow">${t("firmhome.requests")}</h2>
${
  lines.size === 0
    ? html`<p>${t("firmhome.none")}</p>`
    : [...byAccountant].map(
        ([who, dossiers]) =>
          html`<h3>${who}</h3><ul class="firm-home">${dossiers.map(
            (d) =>
              html`<li><a href="/${firm.code}/dossiers/${d.dossierId}/demandes/${d.listId}"><strong>${d.name}</strong></a> · ${d.late > 0 ? html`<strong class="error">${t("firmhome.late", { count: d.late })}</strong>` : t("firmhome.late", { count: 0 })} · ${t("firmhome.review", { count: d.review })}</li>`,
          )}</ul>`,
      )
}</section>`;
};

/** The firm admin's way to the templates and the reminder schedule. */
export const requestSettingsSection: FirmHomeSection = async ({ t, firm, staff }) =>
  staff.role === "admin"
    ? html`<p><a href="/${firm.code}/demandes/modeles">${t("request.settings.title")}</a></p>`
    : "";

/** Top to bottom; one more section (unread messages, say) is one more line. */
/** Threads of this staff member's dossiers with messages they have not read (messages/). */
const unreadMessagesOfStaff: FirmHomeSection = ({ ctx, t, firm, staff }) =>
  unreadMessagesSection(ctx.db, t, firm, { kind: "staff", id: staff.id });

export const firmHomeSections: readonly FirmHomeSection[] = [
  requestsToFollowSection,
  unreadMessagesOfStaff,
  requestSettingsSection,
];
