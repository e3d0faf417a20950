import { BOOL, TIME } from "@sesame/kit/db/columns";
import type { ColumnType, Kysely } from "kysely";

/**
 * An authenticator app (TOTP) of an account. The shared secret is sealed with the key-encryption
 * key; `enabled_at` stays null until a first code proved the app has it. `last_step` is the
 * 30-second step of the last code accepted, so a code is never accepted twice.
 */
export interface TotpFactorTable {
  account_id: string;
  secret_sealed: string;
  created_at: number;
  enabled_at: number | null;
  last_step: number;
}

/** The ten recovery codes of an account, each a keyed hash (never the code), usable once. */
export interface RecoveryCodeTable {
  account_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

/**
 * A sign-in that passed its password and waits for the second factor. The browser holds a random
 * token; only its SHA-256 is stored. It lasts minutes and is deleted once used.
 */
export interface FactorChallengeTable {
  token_hash: string;
  account_id: string;
  return_to: string | null;
  expires_at: number;
}

export interface FactorTables extends SecurityDefaultsTables {
  totp_factor: TotpFactorTable;
  recovery_code: RecoveryCodeTable;
  factor_challenge: FactorChallengeTable;
}

/** How the session's account proved itself, as the `amr` of its tokens ("pwd", "otp", "mfa"…). */
export type SessionAmrColumn = ColumnType<string, string | undefined, string>;

export async function createFactorTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("totp_factor")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("account.id").onDelete("cascade"))
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("enabled_at", TIME)
    .addColumn("last_step", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("recovery_code")
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("used_at", TIME)
    .addPrimaryKeyConstraint("recovery_code_pk", ["account_id", "code_hash"])
    .execute();
  await db.schema
    .createTable("factor_challenge")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("return_to", "text")
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .execute();
}

/** Sessions remember how they were signed in (the tokens' `amr`); earlier ones were by password. */
export async function addSessionAmr(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("sign_in_session")
    .addColumn("amr", "text", (c) => c.notNull().defaultTo("pwd"))
    .execute();
}

/**
 * A tenant's security defaults (Microsoft's baseline): administrators must register and use a
 * second factor. Tenants created from then on get a row turned on; a tenant without a row (those
 * that existed before, the demo's) has them off until an administrator turns them on.
 */
export interface SecurityDefaultsTable {
  tenant_id: string;
  enabled: number;
  updated_at: number;
}

export interface SecurityDefaultsTables {
  security_defaults: SecurityDefaultsTable;
}

export async function createSecurityDefaultsTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("security_defaults")
    .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenant.id").onDelete("cascade"))
    .addColumn("enabled", BOOL, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
}
