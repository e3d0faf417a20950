import type { Kysely } from "kysely";
import { z } from "zod";
import type { T } from "../i18n/messages";
import type { PortalDB } from "../storage/schema";
import { queryText } from "../ui/form-body";
import { journalDirectory, journalEntries } from "./journal-queries";
import {
  entryMatches,
  entryParties,
  isJournalAction,
  type JournalFilter,
  journalNames,
  parisDayStart,
} from "./journal-rules";

/** The journal's filters as the page's form (and the CSV link) send them. */
export const journalQuery = z.object({
  action: queryText,
  person: queryText,
  staff: queryText,
  contact: queryText,
  dossier: queryText,
  from: queryText,
  to: queryText,
});
export type JournalQuery = z.infer<typeof journalQuery>;

/** The query string that reproduces these filters (the CSV export applies the page's filters). */
export function filterSearch(query: JournalQuery): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  return q.size > 0 ? `?${q}` : "";
}

/** A date filter that is not a calendar day (typed by hand past the date picker). */
export const badDate = (query: JournalQuery): boolean =>
  (!!query.from && parisDayStart(query.from) === undefined) ||
  (!!query.to && parisDayStart(query.to, true) === undefined);

/** The journal's lines in words, filtered, with what the filter form offers. */
export async function journalLines(db: Kysely<PortalDB>, firmId: string, t: T, query: JournalQuery) {
  const directory = await journalDirectory(db, firmId);
  const names = journalNames(directory);
  const dossier = directory.dossiers.find((d) => d.id === query.dossier);
  const filter: JournalFilter = {
    action: query.action,
    person: query.person,
    staffEmail: directory.staff.find((s) => s.id === query.staff)?.email_normalized,
    contactEmail: directory.contacts.find((c) => c.id === query.contact)?.email_normalized,
    dossier: dossier && {
      siren: dossier.siren,
      contactEmails: new Set(
        directory.links
          .filter((l) => l.dossier_id === dossier.id)
          .map((l) => directory.contacts.find((c) => c.id === l.contact_id)?.email_normalized ?? ""),
      ),
    },
  };
  const entries = await journalEntries(db, firmId, {
    from: parisDayStart(query.from),
    until: parisDayStart(query.to, true),
  });
  const lines = entries
    .map((entry) => {
      const parties = entryParties(entry, names);
      const sentence = isJournalAction(entry.action)
        ? t(`journal.action.${entry.action}`, parties)
        : t("journal.action.other", { ...parties, action: entry.action });
      return { entry, parties, sentence };
    })
    .filter(({ entry, parties }) => entryMatches(entry, parties, filter));
  return { lines, directory };
}

/** The filters applied, in words (the CSV export's last line says what the file holds). */
export function filtersInWords(
  t: T,
  query: JournalQuery,
  directory: Awaited<ReturnType<typeof journalDirectory>>,
): string {
  const staff = directory.staff.find((s) => s.id === query.staff);
  const contact = directory.contacts.find((c) => c.id === query.contact);
  const dossier = directory.dossiers.find((d) => d.id === query.dossier);
  const parts = [
    query.action && isJournalAction(query.action)
      ? `${t("journal.filter.action")} = ${t(`journal.kind.${query.action}`)}`
      : undefined,
    staff ? `${t("journal.filter.staff")} = ${staff.display_name}` : undefined,
    contact ? `${t("journal.filter.contact")} = ${contact.first_name} ${contact.last_name}` : undefined,
    dossier ? `${t("journal.filter.dossier")} = ${dossier.name} (${dossier.siren})` : undefined,
    query.person ? `${t("journal.filter.person")} = ${query.person}` : undefined,
    query.from ? `${t("journal.filter.from")} ${query.from}` : undefined,
    query.to ? `${t("journal.filter.to")} ${query.to}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return `${t("journal.csv.filters")} ${parts.length > 0 ? parts.join(" ; ") : t("journal.csv.none")}`;
}
