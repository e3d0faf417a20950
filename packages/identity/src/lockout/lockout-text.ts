import type { T } from "../i18n/messages";

/** AADSTS50053 with the time left: the words of every page that checks a secret under lockout. */
export function lockoutText(t: T, ms: number): string {
  return `${t("lockout.message")} ${t("lockout.retry", { minutes: Math.ceil(ms / 60_000) })}`;
}
