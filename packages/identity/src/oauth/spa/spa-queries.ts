import type { Kysely } from "kysely";
import type { IdentityDB } from "../../storage/schema";

const originOf = (uri: string): string | undefined => {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
};

/**
 * Whether a single-page app redirect URI of any application lives on `origin`: the token
 * endpoint's CORS answer, which a preflight (no client_id, no body) must give from the origin alone.
 */
export async function spaOriginRegistered(db: Kysely<IdentityDB>, origin: string): Promise<boolean> {
  const rows = await db
    .selectFrom("application_redirect_uri")
    .select("uri")
    .where("kind", "=", "spa")
    .where((eb) => eb.or([eb("uri", "=", origin), eb("uri", "like", `${origin}/%`)]))
    .limit(100)
    .execute();
  return rows.some((row) => originOf(row.uri) === origin);
}
