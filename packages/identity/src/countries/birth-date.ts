export type BirthDateProblem = "missing" | "notADate" | "future" | "tooOld";

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const EARLIEST_BIRTH_YEAR = 1900;

/** The year, month and day a form sent, as numbers where they are numbers (checked by birthDateProblem). */
export function birthDateFromForm(form: { year: string; month: string; day: string }): Partial<DateParts> {
  const toInt = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : undefined);
  return { year: toInt(form.year), month: toInt(form.month), day: toInt(form.day) };
}

/** A real calendar date (31 February is not), not after today, not before 1900. */
export function birthDateProblem(parts: Partial<DateParts>, today: Date): BirthDateProblem | undefined {
  const { year, month, day } = parts;
  if (!year || !month || !day) return "missing";
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return "notADate";
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "notADate";
  if (year < EARLIEST_BIRTH_YEAR) return "tooOld";
  if (isoDate({ year, month, day }) > isoDate(utcParts(today))) return "future";
  return undefined;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole years lived on `today` (a 29 February birthday counts from 1 March in common years). */
export function ageOn(birth: DateParts, today: Date): number {
  const now = utcParts(today);
  let age = now.year - birth.year;
  if (now.month < birth.month || (now.month === birth.month && now.day < birth.day)) age--;
  return age;
}

export function isoDate(parts: DateParts): string {
  return `${String(parts.year).padStart(4, "0")}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
}

function utcParts(date: Date): DateParts {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
