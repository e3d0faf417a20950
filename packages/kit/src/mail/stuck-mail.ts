import type { Kysely } from "kysely";
import type { MailTables } from "./outbox-table";

/** Mail normally leaves within seconds; unsent after this long, something is wrong (SMTP down). */
export const stuckAfterMs = 15 * 60 * 1000;

/**
 * Messages still being retried but unsent for more than 15 minutes: shown on /readyz and as the
 * `mail_outbox_stuck` gauge, so an SMTP outage is seen before users complain of missing codes.
 */
export async function countStuckMail(
  db: Kysely<MailTables>,
  horizonMs: number,
  now = Date.now(),
): Promise<number> {
  const row = await db
    .selectFrom("mail_outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("sent_at", "is", null)
    .where("created_at", "<", now - stuckAfterMs)
    .where("created_at", ">=", now - horizonMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
