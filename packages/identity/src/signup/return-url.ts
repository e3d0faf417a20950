import { safeLocalPath } from "@sesame/kit/http/create-app";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

// Browsers drop tabs and line breaks inside URLs: "/\t/evil.example" would become "//evil.example".
const hasControl = (value: string): boolean =>
  [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** A same-site path, or undefined. */
export function localReturnUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048 || hasControl(value))
    return undefined;
  return safeLocalPath(value) === value ? value : undefined;
}

/** The origin of an absolute https URL without credentials, or undefined. */
export function httpsOrigin(value: string): string | undefined {
  if (hasControl(value) || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" || url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * Where "Continuer" leads once the account is ready (the portal's invitation sends people here
 * with its own address). A same-site path is always fine; an https URL only when its origin is the
 * origin of a redirect URI registered by some application. Anything else is ignored, so the
 * wizard is never an open redirect.
 */
export async function acceptReturnUrl(db: Kysely<IdentityDB>, value: unknown): Promise<string | undefined> {
  const local = localReturnUrl(value);
  if (local || typeof value !== "string") return local;
  const origin = httpsOrigin(value);
  if (!origin) return undefined;
  const candidates = await db
    .selectFrom("application_redirect_uri")
    .select("uri")
    .where("uri", "like", `${origin}%`)
    .limit(50)
    .execute();
  return candidates.some((row) => httpsOrigin(row.uri) === origin) ? value : undefined;
}
