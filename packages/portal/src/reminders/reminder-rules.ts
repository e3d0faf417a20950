import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";

/** Without a setting of its own, a firm reminds unanswered invitations after 3 and 7 days. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [3, 7];

/** An invitation lasts 14 days: a reminder on day 14 or later would arrive after it expired. */
export const MAX_REMINDER_DAY = 13;

/** "3, 7" → [3, 7]; undefined when the text is not a list of distinct days from 1 to 13. */
export function parseReminderDays(text: string): number[] | undefined {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const days: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,2}$/.test(part)) return undefined;
    const day = Number(part);
    if (day < 1 || day > MAX_REMINDER_DAY || days.includes(day)) return undefined;
    days.push(day);
  }
  return days.sort((a, b) => a - b);
}

export const formatReminderDays = (days: readonly number[]): string => days.join(",");

/** A firm's stored schedule ("" stored: reminders off); no row: the default. */
export const reminderDaysOf = (stored: string | undefined): readonly number[] =>
  stored === undefined ? DEFAULT_REMINDER_DAYS : (parseReminderDays(stored) ?? DEFAULT_REMINDER_DAYS);

/**
 * The reminder an open invitation is due now, if any: the latest step it has reached, unless that
 * step or a later one was already sent. After an outage only the latest step goes out, not a burst.
 */
export function dueReminderStep(
  invitedAt: number,
  days: readonly number[],
  sentSteps: readonly number[],
  now: number,
): number | undefined {
  const reached = days.filter((day) => now - invitedAt >= day * DAY_MS);
  const latest = reached.at(-1);
  if (latest === undefined) return undefined;
  if (sentSteps.some((sent) => sent >= latest)) return undefined;
  return latest;
}
