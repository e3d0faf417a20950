import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { MessageTable, PersonKind } from "../storage/message-tables";
import type { PortalDB } from "../storage/schema";

/** Someone in a thread: a member of the firm's staff or a contact. */
export interface Person {
  readonly kind: PersonKind;
  readonly id: string;
}

export type Message = MessageTable;

export async function threadOf(db: Kysely<PortalDB>, firmId: string, dossierId: string, limit = 200) {
  const rows = await db
    .selectFrom("message")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("dossier_id", "=", dossierId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.reverse();
}

export async function attachmentsOf(db: Kysely<PortalDB>, messageIds: readonly string[]) {
  if (messageIds.length === 0) return [];
  return db.selectFrom("message_attachment").selectAll().where("message_id", "in", messageIds).execute();
}

export async function insertMessage(
  db: Kysely<PortalDB>,
  message: Omit<Message, "id">,
  attachments: readonly { documentId: string; version: number; name: string }[],
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("message")
    .values({ ...message, id })
    .execute();
  if (attachments.length > 0)
    await db
      .insertInto("message_attachment")
      .values(
        attachments.map((a) => ({
          message_id: id,
          document_id: a.documentId,
          version_number: a.version,
          name: a.name,
        })),
      )
      .execute();
  return id;
}

/** Everything in the thread up to `at` is read by this person. */
export async function markRead(db: Kysely<PortalDB>, dossierId: string, who: Person, at: number) {
  await db
    .insertInto("message_read")
    .values({
      dossier_id: dossierId,
      person_kind: who.kind,
      person_id: who.id,
      read_up_to: at,
      notified_up_to: 0,
    })
    .onConflict((oc) =>
      oc.columns(["dossier_id", "person_kind", "person_id"]).doUpdateSet({ read_up_to: at }),
    )
    .execute();
}

export async function markNotified(db: Kysely<PortalDB>, dossierId: string, who: Person, at: number) {
  await db
    .insertInto("message_read")
    .values({
      dossier_id: dossierId,
      person_kind: who.kind,
      person_id: who.id,
      read_up_to: 0,
      notified_up_to: at,
    })
    .onConflict((oc) =>
      oc.columns(["dossier_id", "person_kind", "person_id"]).doUpdateSet({ notified_up_to: at }),
    )
    .execute();
}

export async function markerOf(db: Kysely<PortalDB>, dossierId: string, who: Person) {
  const row = await db
    .selectFrom("message_read")
    .select(["read_up_to", "notified_up_to"])
    .where("dossier_id", "=", dossierId)
    .where("person_kind", "=", who.kind)
    .where("person_id", "=", who.id)
    .executeTakeFirst();
  return row ?? { read_up_to: 0, notified_up_to: 0 };
}

/** Messages of others in this dossier after `after` and up to `upTo`: how many, and the latest. */
export async function othersMessagesBetween(
  db: Kysely<PortalDB>,
  dossierId: string,
  who: Person,
  after: number,
  upTo: number,
) {
  const row = await db
    .selectFrom("message")
    .select((eb) => [eb.fn.countAll<string | number>().as("n"), eb.fn.max("created_at").as("last")])
    .where("dossier_id", "=", dossierId)
    .where("created_at", ">", after)
    .where("created_at", "<=", upTo)
    .where((eb) => eb.or([eb("author_kind", "!=", who.kind), eb("author_id", "!=", who.id)]))
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), last: row?.last == null ? undefined : Number(row.last) };
}

/**
 * The dossiers this person sees in their firm: a contact's linked dossiers, an accountant's
 * dossiers in charge, all of the firm's for an administrator or an assistant.
 */
export async function dossiersSeenBy(db: Kysely<PortalDB>, firmId: string, who: Person) {
  if (who.kind === "contact")
    return db
      .selectFrom("contact_dossier")
      .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
      .select(["dossier.id", "dossier.name"])
      .where("contact_dossier.contact_id", "=", who.id)
      .where("dossier.firm_id", "=", firmId)
      .execute();
  const staff = await db
    .selectFrom("staff")
    .select("role")
    .where("id", "=", who.id)
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  if (!staff) return [];
  let q = db.selectFrom("dossier").select(["dossier.id", "dossier.name"]).where("firm_id", "=", firmId);
  if (staff.role === "accountant") q = q.where("accountant_id", "=", who.id);
  return q.execute();
}

/** Dossiers with a message written in (since, upTo]. */
export async function dossiersWithMessages(db: Kysely<PortalDB>, since: number, upTo: number) {
  return db
    .selectFrom("message")
    .select(["dossier_id", "firm_id"])
    .where("created_at", ">", since)
    .where("created_at", "<=", upTo)
    .groupBy(["dossier_id", "firm_id"])
    .execute();
}

/**
 * Who is told of a dossier's messages: its contacts, and the accountant in charge (the firm's
 * administrators when nobody is).
 */
export async function recipientsOf(
  db: Kysely<PortalDB>,
  firmId: string,
  dossierId: string,
): Promise<Person[]> {
  const contacts = await db
    .selectFrom("contact_dossier")
    .select("contact_id")
    .where("dossier_id", "=", dossierId)
    .execute();
  const dossier = await db
    .selectFrom("dossier")
    .select("accountant_id")
    .where("id", "=", dossierId)
    .executeTakeFirst();
  const staff = dossier?.accountant_id
    ? [{ id: dossier.accountant_id }]
    : await db
        .selectFrom("staff")
        .select("id")
        .where("firm_id", "=", firmId)
        .where("role", "=", "admin")
        .execute();
  return [
    ...contacts.map((c) => ({ kind: "contact" as const, id: c.contact_id })),
    ...staff.map((s) => ({ kind: "staff" as const, id: s.id })),
  ];
}
