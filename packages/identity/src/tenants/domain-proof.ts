import type { Kysely } from "kysely";
import type { IdentityConfig } from "../config";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "./directory-error";
import { isPublicMailDomain } from "./public-mail-domains";
import { tokenMatches } from "./tenant-rules";
import { lookUpTxt } from "./txt-records";

/**
 * The proof that an organization owns `name`, checked before the verifying transaction (DNS may be
 * slow): the domain's TXT records must hold the `MS=ms…` value the admin centre shows. Returns that
 * value, for `verifyDomain` to record. In development, where the domain is usually not really
 * published, the admin may paste the value back instead (the simulation); DNS is then asked only when
 * SESAME_DNS_SERVERS names a resolver. Public mail domains are refused whatever the proof.
 */
export async function domainProof(
  deps: { config: IdentityConfig; db: Kysely<IdentityDB> },
  tenantId: string,
  name: string,
  pasted: string | undefined,
): Promise<string> {
  const domain = await deps.db
    .selectFrom("tenant_domain")
    .select(["name", "verification_token", "verified_at"])
    .where("tenant_id", "=", tenantId)
    .where("name", "=", name.trim().toLowerCase())
    .executeTakeFirst();
  if (!domain) throw new DirectoryError("directory.error.domainUnknown", { domain: name.trim() }, 404);
  if (isPublicMailDomain(domain.name))
    throw new DirectoryError("directory.error.domainPublicMail", { domain: domain.name });
  const expected = domain.verification_token;
  if (domain.verified_at !== null) return expected;
  const development = deps.config.SESAME_ENV !== "production";
  if (development && pasted !== undefined && tokenMatches(expected, pasted)) return expected;
  if (development && !deps.config.SESAME_DNS_SERVERS) return pasted ?? "";
  const txt = await lookUpTxt(domain.name, deps.config.SESAME_DNS_SERVERS);
  if (txt.kind === "unavailable")
    throw new DirectoryError("directory.error.dnsUnavailable", { domain: domain.name }, 503);
  if (txt.values.some((value) => tokenMatches(expected, value))) return expected;
  throw new DirectoryError("directory.error.txtNotFound", { domain: domain.name, token: expected });
}
