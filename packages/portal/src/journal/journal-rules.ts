import type { AuditEntryTable } from "../storage/audit-table";

/** The actions the journal tells in words; any other is shown with its code. */
export const JOURNAL_ACTIONS = [
  "invitation.send",
  "invitation.remind",
  "invitation.revoke",
  "contact.create",
  "contact.link",
  "contact.bound",
  "staff.add",
  "staff.bound",
  "approval.forward",
  "approval.forward_for",
  "consent.granted",
  "dossier.create",
  "dossier.update",
  "import.dossiers",
  "import.interlocuteurs",
  "licence.request",
  "firm.settings",
  "reminders.settings",
  "notifications.settings",
] as const;

export type JournalAction = (typeof JOURNAL_ACTIONS)[number];

export const isJournalAction = (action: string): action is JournalAction =>
  (JOURNAL_ACTIONS as readonly string[]).includes(action);

/** A name for an address or tenant id when the firm knows one; the value itself otherwise. */
export function nameOf(
  value: string,
  names: ReadonlyMap<string, string>,
  organisations: ReadonlyMap<string, string>,
): string {
  return names.get(value.trim().toLowerCase()) ?? organisations.get(value) ?? value;
}

/** The entry's people in words: who did it and to whom (a contact link's "address → SIREN" keeps its SIREN). */
export function entryParties(
  entry: Pick<AuditEntryTable, "actor" | "target">,
  names: ReadonlyMap<string, string>,
  organisations: ReadonlyMap<string, string>,
): { actor: string; target: string } {
  const [first, ...rest] = entry.target.split(" → ");
  const target = [nameOf(first ?? "", names, organisations), ...rest].join(" → ");
  return { actor: nameOf(entry.actor, names, organisations), target };
}
