import type { AuditEntryTable } from "../storage/audit-table";
import type { JournalDirectory } from "./journal-queries";

/** The actions the journal tells in words; any other is shown with its code. */
export const JOURNAL_ACTIONS = [
  "invitation.send",
  "invitation.remind",
  "invitation.revoke",
  "contact.create",
  "contact.link",
  "contact.bound",
  "account.created",
  "contact.signin",
  "staff.signin",
  "staff.add",
  "staff.bound",
  "approval.forward",
  "approval.forward_for",
  "approval.requested",
  "consent.granted",
  "dossier.create",
  "dossier.update",
  "import.dossiers",
  "import.interlocuteurs",
  "licence.request",
  "firm.settings",
  "reminders.settings",
  "notifications.settings",
  "firm.branding",
  "request.create",
  "request.answer",
  "request.due",
  "request.digest",
  "request.remind",
  "request.unsubscribe",
  "request.template",
  "request.schedule",
  "message.post",
  "approval.request",
  "approval.approved",
  "approval.refused",
  "contact.guest.on",
  "contact.guest.off",
  "documents.folders",
  "documents.types",
  "document.upload",
  "uploadLink.create",
  "uploadLink.code",
  "uploadLink.open",
  "uploadLink.guide",
] as const;

export type JournalAction = (typeof JOURNAL_ACTIONS)[number];

export const isJournalAction = (action: string): action is JournalAction =>
  (JOURNAL_ACTIONS as readonly string[]).includes(action);

/** Names for addresses (staff, contacts) and tenant ids (the organisation readiness found). */
export interface JournalNames {
  readonly people: ReadonlyMap<string, string>;
  readonly organisations: ReadonlyMap<string, string>;
}

export function journalNames(directory: Pick<JournalDirectory, "staff" | "contacts">): JournalNames {
  const people = new Map<string, string>();
  for (const s of directory.staff) people.set(s.email_normalized, s.display_name);
  for (const c of directory.contacts) people.set(c.email_normalized, `${c.first_name} ${c.last_name}`);
  const organisations = new Map<string, string>();
  for (const c of directory.contacts) {
    const name = c.readiness_organization ?? c.readiness_domain;
    if (c.readiness_tenant_id && name) organisations.set(c.readiness_tenant_id, name);
  }
  return { people, organisations };
}

/** A name for an address or tenant id when the firm knows one; the value itself otherwise. */
export function nameOf(value: string, names: JournalNames): string {
  return names.people.get(value.trim().toLowerCase()) ?? names.organisations.get(value.trim()) ?? value;
}

/** The entry's people in words: who did it and to whom (each side of "a → b" named on its own). */
export function entryParties(
  entry: Pick<AuditEntryTable, "actor" | "target">,
  names: JournalNames,
): { actor: string; target: string } {
  const target = entry.target
    .split(" → ")
    .map((part) => nameOf(part, names))
    .join(" → ");
  return { actor: nameOf(entry.actor, names), target };
}

/** What the firm picked in the journal's filters, already resolved to addresses and SIRENs. */
export interface JournalFilter {
  readonly action?: string | undefined;
  /** Free text: part of a name or an address. */
  readonly person?: string | undefined;
  /** The staff member who acted (their address). */
  readonly staffEmail?: string | undefined;
  /** A contact: entries they did or that concern them (their address). */
  readonly contactEmail?: string | undefined;
  /** A dossier: entries naming its SIREN or one of its contacts' addresses. */
  readonly dossier?: { readonly siren: string; readonly contactEmails: ReadonlySet<string> } | undefined;
}

const partsOf = (entry: Pick<AuditEntryTable, "actor" | "target">) => [
  entry.actor.trim().toLowerCase(),
  ...entry.target.split(" → ").map((p) => p.trim().toLowerCase()),
];

/** Whether an entry passes every filter the firm set (the date window is applied in SQL). */
export function entryMatches(
  entry: Pick<AuditEntryTable, "action" | "actor" | "target">,
  parties: { actor: string; target: string },
  filter: JournalFilter,
): boolean {
  const parts = partsOf(entry);
  if (filter.action && entry.action !== filter.action) return false;
  if (filter.staffEmail && parts[0] !== filter.staffEmail) return false;
  if (filter.contactEmail && !parts.includes(filter.contactEmail)) return false;
  if (filter.dossier) {
    const { siren, contactEmails } = filter.dossier;
    if (!entry.target.includes(siren) && !parts.some((p) => contactEmails.has(p))) return false;
  }
  const person = filter.person?.trim().toLowerCase();
  if (person)
    return [entry.actor, entry.target, parties.actor, parties.target].some((v) =>
      v.toLowerCase().includes(person),
    );
  return true;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a calendar day starts in Paris (the firm's time zone), for the journal's date range:
 * `from` is that day's start, `to` the next day's start (the range includes the whole last day).
 */
export function parisDayStart(day: string | undefined, after = false): number | undefined {
  const m = day ? DAY.exec(day) : null;
  if (!m) return undefined;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (after ? 1 : 0));
  if (Number.isNaN(utc)) return undefined;
  // Paris is UTC+1 or UTC+2: the offset at that day's noon, read from Intl.
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", timeZoneName: "shortOffset" })
    .formatToParts(new Date(utc + 12 * 3600_000))
    .find((p) => p.type === "timeZoneName")?.value;
  const hours = Number(/GMT([+-]\d+)/.exec(offset ?? "")?.[1] ?? 0);
  return utc - hours * 3600_000;
}
