import type { ActiveSession } from "../../sessions/sessions";

export type SessionChoice =
  | { readonly kind: "use"; readonly session: ActiveSession }
  | { readonly kind: "login" }
  | { readonly kind: "select" }
  | { readonly kind: "login_required" }
  | { readonly kind: "interaction_required" };

/**
 * Which of this browser's sessions answers an authorize request. `sid` is what the login page or
 * the account picker appended; it only counts when it is an active session of THIS browser.
 * prompt=login needs a session authenticated after the request started (`loginStarted`).
 */
export function chooseSession(input: {
  sessions: readonly ActiveSession[];
  sid: string | undefined;
  prompt: string | undefined;
  loginHint: string | undefined;
  loginStarted: number | undefined;
}): SessionChoice {
  const { sessions, prompt } = input;
  const picked = input.sid ? sessions.find((s) => s.id === input.sid) : undefined;
  if (picked) {
    if (prompt === "login" && (input.loginStarted === undefined || picked.authTime < input.loginStarted)) {
      return { kind: "login" };
    }
    return { kind: "use", session: picked };
  }
  const hinted = input.loginHint
    ? sessions.find((s) => s.account.email_normalized === input.loginHint?.trim().toLowerCase())
    : undefined;
  if (prompt === "none") {
    if (hinted) return { kind: "use", session: hinted };
    if (sessions.length === 1 && sessions[0] && !input.loginHint)
      return { kind: "use", session: sessions[0] };
    return sessions.length === 0 || input.loginHint
      ? { kind: "login_required" }
      : { kind: "interaction_required" };
  }
  if (prompt === "login" || sessions.length === 0) return { kind: "login" };
  if (prompt === "select_account") return { kind: "select" };
  if (hinted) return { kind: "use", session: hinted };
  if (input.loginHint) return { kind: "login" };
  if (sessions.length === 1 && sessions[0]) return { kind: "use", session: sessions[0] };
  return { kind: "select" };
}
