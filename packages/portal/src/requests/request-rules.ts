import type { Locale } from "@sesame/kit/i18n/i18n";
import type { RequestItemStatus } from "../storage/request-tables";

/** A template as the accountant picks it: a name and its items (label, target folder). */
export interface RequestTemplate {
  readonly id: string;
  readonly name: string;
  readonly items: readonly TemplateItem[];
}

export interface TemplateItem {
  readonly label: string;
  readonly folder: string;
}

const line = (label: string, folder: string) => `${label} | ${folder}`;

/** The built-in templates, in the reader's language, until the firm admin saves its own. */
export function builtInTemplates(locale: Locale): { id: string; name: string; items: string }[] {
  const fr = locale === "fr";
  const acc = "Pièces comptables";
  const tax = "Fiscal";
  const soc = "Social";
  const legal = "Juridique";
  return [
    {
      id: "year-end",
      name: fr ? "Clôture annuelle" : "Year-end closing",
      items: [
        line(fr ? "Relevés bancaires de l'exercice" : "Bank statements for the year", acc),
        line(fr ? "Journal des ventes" : "Sales ledger", acc),
        line(fr ? "Journal des achats" : "Purchase ledger", acc),
        line(fr ? "Tableaux d'amortissement des emprunts" : "Loan schedules", acc),
        line(fr ? "Inventaire des stocks au dernier jour" : "Stock count at year end", acc),
        line(fr ? "Bulletins de paie" : "Payslips", soc),
      ].join("\n"),
    },
    {
      id: "vat",
      name: fr ? "TVA trimestrielle" : "VAT quarter",
      items: [
        line(fr ? "Factures de ventes du trimestre" : "Sales invoices for the quarter", tax),
        line(fr ? "Factures d'achats du trimestre" : "Purchase invoices for the quarter", tax),
        line(fr ? "Relevés bancaires du trimestre" : "Bank statements for the quarter", acc),
      ].join("\n"),
    },
    {
      id: "new-client",
      name: fr ? "Nouveau client" : "New client",
      items: [
        line(fr ? "Extrait Kbis de moins de 3 mois" : "Company registration extract (under 3 months)", legal),
        line(fr ? "Statuts à jour" : "Current articles of association", legal),
        line(fr ? "Dernière liasse fiscale" : "Last tax return", tax),
        line(fr ? "RIB de la société" : "Company bank details", acc),
        line(fr ? "Relevés bancaires des 3 derniers mois" : "Bank statements for the last 3 months", acc),
      ].join("\n"),
    },
  ];
}

/** "label | folder" lines → items; blank lines skipped; undefined when none or one is too long. */
export function parseTemplateItems(text: string, defaultFolder: string): TemplateItem[] | undefined {
  const items: TemplateItem[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "") continue;
    const [label = "", folder = ""] = raw.split("|").map((p) => p.trim());
    if (label === "" || label.length > 200 || folder.length > 100) return undefined;
    items.push({ label, folder: folder || defaultFolder });
  }
  return items.length > 0 && items.length <= 50 ? items : undefined;
}

export const formatTemplateItems = (items: readonly TemplateItem[]): string =>
  items.map((i) => `${i.label} | ${i.folder}`).join("\n");

/** A free text answer, reason or comment: trimmed, 1 to 2000 characters. */
export function cleanText(raw: string | undefined): string | undefined {
  const text = (raw ?? "").trim();
  return text === "" || text.length > 2000 ? undefined : text;
}

/** YYYY-MM-DD, a real date. */
export function parseDueDate(raw: string | undefined): string | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const d = new Date(`${raw}T12:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw ? undefined : raw;
}

/** The calendar day in Paris, YYYY-MM-DD. */
export function parisDay(at: number): string {
  return new Date(at).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
}

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The client may answer (again) an item that is waiting for them. */
export const awaitsClient = (status: RequestItemStatus): boolean =>
  status === "open" || status === "rejected";

/** The accountant reviews an answer once. */
export const awaitsReview = (status: RequestItemStatus): boolean => status === "answered";

/** How a waiting item stands against its due date, today. */
export function urgency(dueDate: string, today: string): "late" | "soon" | "later" {
  if (dueDate < today) return "late";
  return dueDate <= addDays(today, 3) ? "soon" : "later";
}

/** Progress of a list: accepted items out of all; complete when every item is accepted. */
export function progressOf(statuses: readonly RequestItemStatus[]) {
  const accepted = statuses.filter((s) => s === "accepted").length;
  const answered = statuses.filter((s) => s === "answered").length;
  return { accepted, answered, total: statuses.length, complete: accepted === statuses.length };
}

export interface DigestSchedule {
  /** Hour of the day (Paris) from which the digest goes out. */
  readonly hour: number;
  readonly weekends: boolean;
}

export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = { hour: 8, weekends: false };

/** Whether a firm's digests go out at this moment (Paris time): after the hour, weekends if asked. */
export function digestTime(schedule: DigestSchedule, now: number): boolean {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  }).formatToParts(new Date(now));
  const weekday = parts.find((p) => p.type === "weekday")?.value ?? "";
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  if (!schedule.weekends && (weekday === "Sat" || weekday === "Sun")) return false;
  return hour >= schedule.hour;
}
