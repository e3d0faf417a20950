import { TIME } from "@sesame/kit/db/columns";
import { DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { Kysely } from "kysely";

export type SessionKind = "staff" | "contact";

/** A sign-in on its way to identity: what the callback needs to check the answer. */
export interface SignInRequestTable {
  state: string;
  kind: SessionKind;
  firm_id: string;
  code_verifier: string;
  nonce: string;
  /** The invitation token the person came with (contacts), to match them on first sign-in. */
  invitation_token: string | null;
  return_to: string;
  created_at: number;
  /** The tenant GUID whose authority the sign-in used (guests of the firm's tenant); null: /common or /organizations. */
  tenant: string | null;
}

/** Server-side session; the cookie holds a random id whose SHA-256 is the key here. */
export interface PortalSessionTable {
  id_hash: string;
  kind: SessionKind;
  firm_id: string;
  subject_id: string;
  tid: string;
  oid: string;
  name: string;
  id_token: string;
  created_at: number;
  expires_at: number;
}

export interface AuthTables {
  signin_request: SignInRequestTable;
  portal_session: PortalSessionTable;
}

/**
 * A sign-in never finished (the callback accepts one for 10 minutes) and a session a day past its
 * end: both serve nothing. A session row holds an ID token, so it should not linger either.
 */
export const authExpiry: readonly ExpiryRule[] = [
  { table: "signin_request", column: "created_at", keepMs: DAY_MS },
  { table: "portal_session", column: "expires_at", keepMs: DAY_MS },
];

export async function createAuthTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("signin_request")
    .addColumn("state", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("invitation_token", "text")
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("portal_session")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("tid", "text", (c) => c.notNull())
    .addColumn("oid", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("id_token", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .execute();
}
