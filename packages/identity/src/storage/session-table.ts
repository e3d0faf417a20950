import { BOOL, TIME } from "@sesame/kit/db/columns";
import { DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { Kysely } from "kysely";
import type { SessionAmrColumn } from "./factor-tables";

/**
 * One row per account signed in on a browser. The browser holds one random token (cookie
 * __Host-session); only its SHA-256 is stored. Several rows with the same token are several
 * accounts on one browser (the account picker).
 */
export interface SignInSessionTable {
  /** The `sid` of tokens issued in this session. */
  id: string;
  browser_token_hash: string;
  account_id: string;
  auth_time: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  persistent: number;
  revoked_at: number | null;
  ip: string;
  user_agent: string;
  /** Added by the factors' migration 0801: "pwd", "pwd otp mfa", "fido mfa"… */
  amr: SessionAmrColumn;
}

export interface SessionTables {
  sign_in_session: SignInSessionTable;
}

/** A session ended (expired) a day ago serves nothing; revoked ones expire too. */
export const sessionExpiry: ExpiryRule = { table: "sign_in_session", column: "expires_at", keepMs: DAY_MS };

export async function createSessionTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sign_in_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("browser_token_hash", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("auth_time", TIME, (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("last_seen_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("persistent", BOOL, (c) => c.notNull())
    .addColumn("revoked_at", TIME)
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("user_agent", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_session_browser")
    .on("sign_in_session")
    .column("browser_token_hash")
    .execute();
  await db.schema.createIndex("sign_in_session_account").on("sign_in_session").column("account_id").execute();
}
