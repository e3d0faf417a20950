import type { Kysely } from "kysely";
import type { NotificationPreferenceTable } from "../storage/notification-tables";
import type { PortalDB } from "../storage/schema";

/** A staff member's notifications, newest first, with the contact each is about. */
export async function notificationsOf(db: Kysely<PortalDB>, staffId: string, limit = 200) {
  return db
    .selectFrom("notification_recipient as r")
    .innerJoin("notification as n", "n.id", "r.notification_id")
    .innerJoin("contact as c", "c.id", "n.contact_id")
    .select([
      "n.id",
      "n.kind",
      "n.created_at",
      "n.contact_id",
      "r.read_at",
      "c.first_name",
      "c.last_name",
      "c.email",
    ])
    .where("r.staff_id", "=", staffId)
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(limit)
    .execute();
}

export type NotificationLine = Awaited<ReturnType<typeof notificationsOf>>[number];

export async function markAllRead(db: Kysely<PortalDB>, staffId: string, now: number): Promise<void> {
  await db
    .updateTable("notification_recipient")
    .set({ read_at: now })
    .where("staff_id", "=", staffId)
    .where("read_at", "is", null)
    .execute();
}

export async function preferenceOf(
  db: Kysely<PortalDB>,
  staffId: string,
): Promise<NotificationPreferenceTable | undefined> {
  return db
    .selectFrom("notification_preference")
    .selectAll()
    .where("staff_id", "=", staffId)
    .executeTakeFirst();
}

export async function storePreference(
  db: Kysely<PortalDB>,
  staffId: string,
  choice: { mutedKinds: string; language: "fr" | "en" },
  now: number,
): Promise<void> {
  const values = { muted_kinds: choice.mutedKinds, language: choice.language, updated_at: now };
  await db
    .insertInto("notification_preference")
    .values({ staff_id: staffId, last_digest_at: null, ...values })
    .onConflict((oc) => oc.column("staff_id").doUpdateSet(values))
    .execute();
}

/** The staff members with notifications no digest has taken yet, and when each had their last digest. */
export async function staffAwaitingDigest(db: Kysely<PortalDB>) {
  return db
    .selectFrom("notification_recipient as r")
    .leftJoin("notification_preference as p", "p.staff_id", "r.staff_id")
    .select(["r.staff_id", "p.last_digest_at"])
    .distinct()
    .where("r.digested_at", "is", null)
    .execute();
}

/** What one digest takes: the staff member's notifications no digest has taken yet, oldest first. */
export async function undigested(db: Kysely<PortalDB>, staffId: string) {
  return db
    .selectFrom("notification_recipient as r")
    .innerJoin("notification as n", "n.id", "r.notification_id")
    .innerJoin("contact as c", "c.id", "n.contact_id")
    .select(["n.id", "n.kind", "n.created_at", "n.contact_id", "c.first_name", "c.last_name", "c.email"])
    .where("r.staff_id", "=", staffId)
    .where("r.digested_at", "is", null)
    .orderBy("n.created_at")
    .execute();
}

export async function markDigested(
  db: Kysely<PortalDB>,
  staffId: string,
  ids: readonly string[],
  now: number,
) {
  if (ids.length === 0) return;
  await db
    .updateTable("notification_recipient")
    .set({ digested_at: now })
    .where("staff_id", "=", staffId)
    .where("notification_id", "in", ids)
    .execute();
}

/** The digest mail went out now: the next one waits a period. */
export async function recordDigestSent(db: Kysely<PortalDB>, staffId: string, now: number) {
  await db
    .insertInto("notification_preference")
    .values({ staff_id: staffId, muted_kinds: "", language: "fr", last_digest_at: now, updated_at: now })
    .onConflict((oc) => oc.column("staff_id").doUpdateSet({ last_digest_at: now }))
    .execute();
}
