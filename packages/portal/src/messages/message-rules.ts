/** The longest message accepted (characters). */
export const MESSAGE_MAX = 10_000;

/** A message is notified by mail when still unread this long after it was written. */
export const NOTICE_DELAY_MS = 15 * 60 * 1000;

/** Messages older than this are never mailed about (a person added later is not flooded). */
export const NOTICE_HORIZON_MS = 7 * 24 * 3600 * 1000;

export type BodyProblem = "message.error.empty" | "message.error.tooLong";

/** A message's text as stored: line ends normalised, trimmed; empty only with attachments. */
export function checkBody(raw: string, attachments: number): { body: string } | { problem: BodyProblem } {
  const body = raw.replace(/\r\n?/g, "\n").trim();
  if (body.length > MESSAGE_MAX) return { problem: "message.error.tooLong" };
  if (body === "" && attachments === 0) return { problem: "message.error.empty" };
  return { body };
}

/** How a message appears in the dossier's trail: its first words, or its attachments' names. */
export function messageExcerpt(body: string, attachments: readonly { name: string }[]): string {
  const words = body.replace(/\s+/g, " ").trim();
  const text = words.length > 60 ? `${words.slice(0, 59)}…` : words;
  return text || attachments.map((a) => a.name).join(", ");
}
