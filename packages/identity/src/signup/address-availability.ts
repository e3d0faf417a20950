import type { Kysely } from "kysely";
import { normalizeEmail } from "../accounts/email";
import type { IdentityDB } from "../storage/schema";
import { type NameProblem, newNameProblem, suggestionCandidates } from "./new-address";

export type Availability =
  | { available: true; email: string }
  | { available: false; email: string; reason: NameProblem | "taken" | "domain"; suggestions: string[] };

/** Whether name@domain can be created now; when it is taken, up to three free alternatives. */
export async function newAddressAvailability(
  db: Kysely<IdentityDB>,
  consumerDomains: readonly string[],
  name: string,
  domain: string,
): Promise<Availability> {
  const cleanName = name.trim().toLowerCase();
  const cleanDomain = domain.trim().toLowerCase();
  const email = `${cleanName}@${cleanDomain}`;
  if (!consumerDomains.includes(cleanDomain))
    return { available: false, email, reason: "domain", suggestions: [] };
  const problem = newNameProblem(cleanName);
  if (problem) return { available: false, email, reason: problem, suggestions: [] };
  const candidates = [cleanName, ...suggestionCandidates(cleanName, new Date().getUTCFullYear())].map(
    (n) => `${n}@${cleanDomain}`,
  );
  const taken = new Set(
    (
      await db
        .selectFrom("account")
        .select("email_normalized")
        .where("email_normalized", "in", candidates.map(normalizeEmail))
        .execute()
    ).map((row) => row.email_normalized),
  );
  if (!taken.has(normalizeEmail(email))) return { available: true, email };
  const suggestions = candidates
    .slice(1)
    .filter((c) => !taken.has(normalizeEmail(c)))
    .slice(0, 3)
    .map((c) => c.split("@")[0] ?? c);
  return { available: false, email, reason: "taken", suggestions };
}
