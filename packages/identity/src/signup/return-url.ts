import { safeLocalPath } from "@sesame/kit/http/create-app";

/**
 * Where "Continuer" leads after the account is ready. A same-site path is always fine; anything
 * else is ignored (undefined), so the wizard is never an open redirect.
 * TODO(oauth): also accept an https URL whose origin is that of a registered application redirect
 * URI, once the application_redirect_uri table exists.
 */
export function acceptReturnUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return undefined;
  // Browsers drop tabs and line breaks inside URLs: "/\t/evil.example" would become "//evil.example".
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  return safeLocalPath(value) === value ? value : undefined;
}
