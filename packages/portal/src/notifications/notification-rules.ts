import type { NotificationKind } from "../storage/notification-tables";

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "invitation_accepted",
  "account_created",
  "approval_granted",
  "approval_requested",
];

/** At most one digest mail per staff member in this period. */
export const DIGEST_PERIOD_MS = 15 * 60_000;

export const isNotificationKind = (value: string): value is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(value);

/** The kinds a staff member switched off, from their stored list ("" or none stored: all on). */
export const mutedKindsOf = (stored: string | undefined): Set<NotificationKind> =>
  new Set((stored ?? "").split(",").filter(isNotificationKind));

export const formatMutedKinds = (muted: Iterable<NotificationKind>): string =>
  NOTIFICATION_KINDS.filter((k) => new Set(muted).has(k)).join(",");

/** A digest may go out when the last one is at least a period old (or there was none). */
export const digestDue = (lastDigestAt: number | null | undefined, now: number): boolean =>
  lastDigestAt === null || lastDigestAt === undefined || now - lastDigestAt >= DIGEST_PERIOD_MS;
