/** How long a fresh sign-in lets the contact decide, once back from identity. */
export const REAUTH_WINDOW_MS = 10 * 60 * 1000;

/** How long a started re-authentication may take at identity. */
export const REAUTH_START_TTL_MS = 10 * 60 * 1000;

export const COMMENT_MAX = 2000;

/**
 * The ID token's `auth_time` (seconds) shows a sign-in made after the re-authentication started
 * (ms): identity really asked for the password again, it did not reuse an older session.
 */
export function signedInAfter(authTime: unknown, startedAt: number): authTime is number {
  return (
    typeof authTime === "number" && Number.isFinite(authTime) && authTime >= Math.floor(startedAt / 1000)
  );
}

export type Decision = "approved" | "refused";

export type DecisionProblem = "approval.error.comment" | "approval.error.tooLong";

/** A refusal says why; a comment stays short. */
export function checkComment(
  decision: Decision,
  raw: string | undefined,
): { comment: string } | { problem: DecisionProblem } {
  const comment = (raw ?? "").replace(/\r\n?/g, "\n").trim();
  if (comment.length > COMMENT_MAX) return { problem: "approval.error.tooLong" };
  if (decision === "refused" && comment === "") return { problem: "approval.error.comment" };
  return { comment };
}

/** The latest version is not the one approved: the page says the document is not approved. */
export const newerThanApproved = (
  approval: { status: string; version_number: number },
  latest: number,
): boolean => approval.status === "approved" && latest > approval.version_number;
