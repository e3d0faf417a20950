import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * A passkey (WebAuthn credential) of an account: its public key (COSE, base64url) and the
 * authenticator's signature counter, which must grow (a cloned key shows an old counter).
 */
export interface PasskeyTable {
  credential_id: string;
  account_id: string;
  public_key: string;
  counter: number;
  /** The transports the browser reported ("internal", "usb"…), space-separated. */
  transports: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

/** A WebAuthn challenge handed to a browser: used once, minutes long. */
export interface PasskeyChallengeTable {
  challenge: string;
  /** The account it was made for; null for a sign-in that lets the passkey say who it is. */
  account_id: string | null;
  purpose: "register" | "sign-in" | "second-factor";
  expires_at: number;
}

/**
 * The registration interrupt of security defaults: when a plain user was first asked (the
 * 14-day grace counts from it), and whether an administrator required a new registration.
 */
export interface FactorRegistrationTable {
  account_id: string;
  first_asked_at: number | null;
  required_at: number | null;
}

export interface PasskeyTables {
  passkey: PasskeyTable;
  passkey_challenge: PasskeyChallengeTable;
  factor_registration: FactorRegistrationTable;
}

export async function createPasskeyTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("passkey")
    .addColumn("credential_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("counter", TIME, (c) => c.notNull())
    .addColumn("transports", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("last_used_at", TIME)
    .execute();
  await db.schema.createIndex("passkey_account").on("passkey").column("account_id").execute();
  await db.schema
    .createTable("passkey_challenge")
    .addColumn("challenge", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.references("account.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("factor_registration")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("account.id").onDelete("cascade"))
    .addColumn("first_asked_at", TIME)
    .addColumn("required_at", TIME)
    .execute();
}
