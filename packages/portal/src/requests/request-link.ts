import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

/**
 * The key that signs unsubscribe links: made once, kept in the database so every instance (and a
 * restarted one) signs and checks alike, with no configuration to add.
 */
export async function unsubscribeKey(db: Kysely<PortalDB>): Promise<string> {
  const stored = await db
    .selectFrom("request_link_key")
    .select("secret")
    .where("id", "=", "unsubscribe")
    .executeTakeFirst();
  if (stored) return stored.secret;
  await db
    .insertInto("request_link_key")
    .values({ id: "unsubscribe", secret: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  const made = await db
    .selectFrom("request_link_key")
    .select("secret")
    .where("id", "=", "unsubscribe")
    .executeTakeFirstOrThrow();
  return made.secret;
}

const mac = (key: string, contactId: string, listId: string) =>
  createHmac("sha256", key).update(`request-unsubscribe:${contactId}:${listId}`).digest("base64url");

/** A link token that stops one person's digests about one list, with no sign-in. */
export const signUnsubscribe = (key: string, contactId: string, listId: string): string =>
  `${contactId}.${listId}.${mac(key, contactId, listId)}`;

/** The person and list a token was signed for; undefined when it was not signed with this key. */
export function verifyUnsubscribe(
  key: string,
  token: string,
): { contactId: string; listId: string } | undefined {
  const [contactId = "", listId = "", given = "", ...rest] = token.split(".");
  if (rest.length > 0 || !contactId || !listId) return undefined;
  const expected = Buffer.from(mac(key, contactId, listId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected)
    ? { contactId, listId }
    : undefined;
}
