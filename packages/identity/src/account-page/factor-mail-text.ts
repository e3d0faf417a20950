import type { T } from "../i18n/messages";

/** A second factor added to or removed from the account: announced like a changed password. */
export interface FactorEvent {
  readonly kind: "factor-added" | "factor-removed";
  readonly at: number;
  readonly method: "passkey" | "totp";
  /** The passkey's name, when it is one. */
  readonly name?: string;
}

export const isFactorEvent = (event: { kind: string }): event is FactorEvent =>
  event.kind === "factor-added" || event.kind === "factor-removed";

/** The subject and sentence of a factor mail. */
export function factorEventText(t: T, event: FactorEvent, email: string, date: string): [string, string] {
  const method =
    event.method === "passkey"
      ? t("factorMail.method.passkey", { name: event.name ?? "" })
      : t("factorMail.method.totp");
  return event.kind === "factor-added"
    ? [t("factorMail.added.subject"), t("factorMail.added.body", { email, date, method })]
    : [t("factorMail.removed.subject"), t("factorMail.removed.body", { email, date, method })];
}
