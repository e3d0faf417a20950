import { randomInt } from "node:crypto";

/** Names nobody may take on the platform's own domains: roles, staff and brand look-alikes. */
export const reservedNames: ReadonlySet<string> = new Set([
  "abuse",
  "admin",
  "administrator",
  "administrateur",
  "billing",
  "compliance",
  "help",
  "hostmaster",
  "info",
  "mailer-daemon",
  "microsoft",
  "msn",
  "no-reply",
  "noreply",
  "office",
  "outlook",
  "hotmail",
  "postmaster",
  "privacy",
  "root",
  "sales",
  "security",
  "sesame",
  "support",
  "sysadmin",
  "system",
  "webmaster",
  "windows",
  "live",
  "azure",
  "account",
  "accounts",
  "compte",
  "comptes",
]);

export type NameProblem = "empty" | "invalid" | "reserved";

/**
 * A new mailbox name: 1–64 characters among a–z, 0–9, dot, hyphen and underscore, starting with a
 * letter, no dot at the end and no two dots in a row (what Outlook.com accepts).
 */
export function newNameProblem(name: string): NameProblem | undefined {
  const n = name.trim().toLowerCase();
  if (!n) return "empty";
  if (n.length > 64 || !/^[a-z][a-z0-9._-]*$/.test(n) || n.endsWith(".") || n.includes(".."))
    return "invalid";
  const bare = n.replace(/[._-]/g, "");
  if (reservedNames.has(n) || reservedNames.has(bare)) return "reserved";
  return undefined;
}

/**
 * Candidates to offer when a name is taken: the name with a year, with two or three digits and
 * with a dot and digits. The caller keeps the ones still free.
 */
export function suggestionCandidates(name: string, year: number): string[] {
  const n =
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, "")
      .slice(0, 56) || "moi";
  const base = /^[a-z]/.test(n) ? n : `m${n}`;
  const out = new Set<string>([
    `${base}${year}`,
    `${base}${randomInt(10, 100)}`,
    `${base}.${randomInt(100, 1000)}`,
    `${base}${randomInt(1000, 10000)}`,
    `${base}_${year % 100}${randomInt(0, 10)}`,
  ]);
  return [...out].filter((candidate) => newNameProblem(candidate) === undefined);
}
