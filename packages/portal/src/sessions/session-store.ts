import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { PortalSessionTable, SessionKind } from "../storage/auth-tables";
import type { PortalDB } from "../storage/schema";

export const SESSION_COOKIE = "portal_session";
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export type PortalSession = PortalSessionTable;

const hash = (token: string): string => createHash("sha256").update(token).digest("base64url");

/** Creates a server-side session and returns the random value for the __Host- cookie. */
export async function createSession(
  db: Kysely<PortalDB>,
  input: {
    kind: SessionKind;
    firmId: string;
    subjectId: string;
    tid: string;
    oid: string;
    name: string;
    idToken: string;
  },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db
    .insertInto("portal_session")
    .values({
      id_hash: hash(token),
      kind: input.kind,
      firm_id: input.firmId,
      subject_id: input.subjectId,
      tid: input.tid,
      oid: input.oid,
      name: input.name,
      id_token: input.idToken,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    })
    .execute();
  return token;
}

export async function readSession(db: Kysely<PortalDB>, token: string | undefined) {
  if (!token) return undefined;
  return db
    .selectFrom("portal_session")
    .selectAll()
    .where("id_hash", "=", hash(token))
    .where("expires_at", ">", Date.now())
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<PortalDB>, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.deleteFrom("portal_session").where("id_hash", "=", hash(token)).execute();
}
