import { safeLocalPath } from "@sesame/kit/http/create-app";

/** Where a sign-in without a (usable) return address ends. */
export const DEFAULT_RETURN = "/account";

/** The local path to go back to: only a same-site path, anything else falls back to the account page. */
export function localReturn(returnTo: string | undefined): string {
  if (!returnTo) return DEFAULT_RETURN;
  const safe = safeLocalPath(returnTo);
  return safe === "/" && returnTo !== "/" ? DEFAULT_RETURN : safe;
}

/**
 * The contract with the OAuth endpoints: once an account is signed in or chosen, the browser goes
 * back to `return` with `sid=<session id>` appended, before any fragment.
 */
export function returnWithSid(returnTo: string | undefined, sessionId: string): string {
  const target = localReturn(returnTo);
  const hashAt = target.indexOf("#");
  const [path, fragment] = hashAt < 0 ? [target, ""] : [target.slice(0, hashAt), target.slice(hashAt)];
  const joiner = path.includes("?") ? (path.endsWith("?") || path.endsWith("&") ? "" : "&") : "?";
  return `${path}${joiner}sid=${encodeURIComponent(sessionId)}${fragment}`;
}
