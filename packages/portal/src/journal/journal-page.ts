import { html, type SafeHtml } from "@sesame/kit/ui/html";
import { formatDate } from "../firms/firm-nav";
import type { T } from "../i18n/messages";
import type { JournalDirectory } from "./journal-queries";
import { JOURNAL_ACTIONS } from "./journal-rules";
import { filterSearch, type JournalQuery } from "./journal-view";

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}"${selected === value ? html` selected` : html``}>${label}</option>`;

/** The journal page: its filters (action, staff member, contact, dossier, person, dates), then its lines. */
export function journalBody(
  t: T,
  locale: "fr" | "en",
  view: {
    firmCode: string;
    query: JournalQuery;
    directory: JournalDirectory;
    lines: readonly { entry: { at: number }; sentence: string }[];
    error: string | undefined;
  },
): SafeHtml {
  const { query, directory } = view;
  const any = t("journal.filter.any");
  return html`<h1>${t("journal.title")}</h1><p>${t("journal.lead")}</p>
<form method="get" action="/${view.firmCode}/journal" role="search" aria-label="${t("journal.filters")}" class="filters">
<label for="j-action">${t("journal.filter.action")}</label>
<select id="j-action" name="action">${option("", any, query.action ?? "")}${JOURNAL_ACTIONS.map((a) =>
    option(a, t(`journal.kind.${a}`), query.action),
  )}</select>
<label for="j-staff">${t("journal.filter.staff")}</label>
<select id="j-staff" name="staff">${option("", any, query.staff ?? "")}${directory.staff.map((s) =>
    option(s.id, s.display_name, query.staff),
  )}</select>
<label for="j-contact">${t("journal.filter.contact")}</label>
<select id="j-contact" name="contact">${option("", any, query.contact ?? "")}${directory.contacts.map((c) =>
    option(c.id, `${c.first_name} ${c.last_name}`, query.contact),
  )}</select>
<label for="j-dossier">${t("journal.filter.dossier")}</label>
<select id="j-dossier" name="dossier">${option("", any, query.dossier ?? "")}${directory.dossiers.map((d) =>
    option(d.id, `${d.name} (${d.siren})`, query.dossier),
  )}</select>
<label for="j-person">${t("journal.filter.person")}</label>
<input type="search" id="j-person" name="person" value="${query.person ?? ""}">
<label for="j-from">${t("journal.filter.from")}</label>
<input type="date" id="j-from" name="from" value="${query.from ?? ""}"${view.error ? html` aria-invalid="true" aria-describedby="j-error"` : html``}>
<label for="j-to">${t("journal.filter.to")}</label>
<input type="date" id="j-to" name="to" value="${query.to ?? ""}"${view.error ? html` aria-invalid="true" aria-describedby="j-error"` : html``}>
<button type="submit" class="secondary">${t("journal.filter.apply")}</button>
</form>
${view.error ? html`<p class="error" role="alert" id="j-error">${view.error}</p>` : html``}
<p><a href="/${view.firmCode}/journal.csv${filterSearch(query)}" download>${t("journal.export")}</a></p>
${
  view.lines.length === 0
    ? html`<p>${t("journal.empty")}</p>`
    : html`<ul class="onboarding-rows">${view.lines.map(
        (l) => html`<li><span class="muted">${formatDate(l.entry.at, locale)}</span> · ${l.sentence}</li>`,
      )}</ul>`
}`;
}
