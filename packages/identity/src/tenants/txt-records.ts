import { Resolver } from "node:dns/promises";

export type TxtLookup =
  | { readonly kind: "found"; readonly values: string[] }
  | { readonly kind: "unavailable" };

/** Answers that mean "this name has no such record", as opposed to a resolver that did not answer. */
const NO_RECORD = new Set(["ENOTFOUND", "ENODATA"]);

/**
 * The TXT values of `domain` (each record's strings joined, as DNS splits long values), asked of
 * `servers` ("127.0.0.1:5353", "[::1]:53") or of the system's resolver when none are given.
 */
export async function lookUpTxt(domain: string, servers: readonly string[] | undefined): Promise<TxtLookup> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers?.length) resolver.setServers([...servers]);
  try {
    const records = await resolver.resolveTxt(domain);
    return { kind: "found", values: records.map((chunks) => chunks.join("")) };
  } catch (error) {
    if (NO_RECORD.has((error as NodeJS.ErrnoException).code ?? "")) return { kind: "found", values: [] };
    return { kind: "unavailable" };
  }
}
