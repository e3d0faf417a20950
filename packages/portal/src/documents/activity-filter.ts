import type { DocumentAction } from "../storage/document-tables";

export const activityActions: readonly DocumentAction[] = [
  "uploaded",
  "downloaded",
  "previewed",
  "renamed",
  "moved",
  "deleted",
  "restored",
  "request_created",
  "request_answered",
  "answer_accepted",
  "answer_rejected",
  "request_reminded",
  "message_sent",
  "approval_requested",
  "approved",
  "refused",
];

/** What the staff narrowed the trail to; every field is optional. */
export interface ActivityFilter {
  readonly action?: DocumentAction;
  readonly person?: string;
  /** Inclusive bounds, in milliseconds: from the start of `from`'s day to the end of `to`'s (Paris). */
  readonly since?: number;
  readonly until?: number;
}

export type FilterInput = { action?: string; person?: string; from?: string; to?: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The offset of Paris time from UTC at this instant (one or two hours, with summer time). */
function parisOffset(at: number): number {
  const parts: Record<string, number> = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Paris",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const n = (type: string) => parts[type] ?? 0;
  return (
    Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute")) - Math.floor(at / 60_000) * 60_000
  );
}

/** Midnight in Paris of a YYYY-MM-DD day, or undefined when it is not a real date. */
export function parisDayStart(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return undefined;
  return utc - parisOffset(utc);
}

/**
 * Reads the filter form: empty fields are no filter; a date that is not a day, or an end before
 * the start, is a mistake shown to the person (not silently ignored).
 */
export function parseActivityFilter(
  input: FilterInput,
): { ok: true; filter: ActivityFilter } | { ok: false } {
  const action = activityActions.find((a) => a === input.action);
  if (input.action && !action) return { ok: false };
  const person = input.person?.trim() || undefined;
  const since = input.from ? parisDayStart(input.from) : undefined;
  const untilStart = input.to ? parisDayStart(input.to) : undefined;
  if ((input.from && since === undefined) || (input.to && untilStart === undefined)) return { ok: false };
  const until = untilStart === undefined ? undefined : (parisDayStart(nextDay(input.to ?? "")) ?? untilStart);
  if (since !== undefined && until !== undefined && until <= since) return { ok: false };
  return {
    ok: true,
    filter: {
      ...(action ? { action } : {}),
      ...(person ? { person } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until: until - 1 } : {}),
    },
  };
}

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}
