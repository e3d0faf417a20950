import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** An issued authorization code; only its SHA-256 is stored. Redeemed once (then `family_id` is set). */
export interface AuthorizationCodeTable {
  code_hash: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string | null;
  nonce: string | null;
  /** Space-separated scopes granted (OIDC scopes plus the resource's scope values). */
  scope: string;
  resource_app_id: string;
  /** The resource as the client named it (App ID URI or client id): v1 `aud`, scope prefixes. */
  resource_requested: string;
  api_version: string;
  account_id: string;
  tenant_id: string;
  session_id: string;
  auth_time: number;
  expires_at: number;
  redeemed_at: number | null;
  /** Refresh-token family issued at redemption: revoked when the code is replayed. */
  family_id: string | null;
}

/** Rotated refresh tokens: one live row per family; reuse of a rotated one revokes the family. */
export interface RefreshTokenTable {
  token_hash: string;
  family_id: string;
  client_id: string;
  account_id: string;
  tenant_id: string;
  session_id: string;
  scope: string;
  resource_app_id: string;
  resource_requested: string;
  api_version: string;
  auth_time: number;
  public_client: number;
  /** 1: issued to a single-page app (redeemed cross-origin): lives 24 hours from its code, never extended. */
  spa: number;
  created_at: number;
  expires_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
}

export interface DeviceCodeTable {
  device_code_hash: string;
  user_code: string;
  client_id: string;
  scope: string;
  tenant_segment: string;
  status: "pending" | "approved" | "denied" | "redeemed";
  account_id: string | null;
  session_id: string | null;
  expires_at: number;
  created_at: number;
  /** Refresh-token family issued at redemption: revoked when the device code is polled again. */
  family_id: string | null;
}

/** jti of client assertions already used (single use until they expire). */
export interface ClientAssertionJtiTable {
  jti: string;
  expires_at: number;
}

export interface GrantTables {
  authorization_code: AuthorizationCodeTable;
  refresh_token: RefreshTokenTable;
  device_code: DeviceCodeTable;
  client_assertion_jti: ClientAssertionJtiTable;
}

export async function createGrantTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("authorization_code")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("redirect_uri", "text", (c) => c.notNull())
    .addColumn("code_challenge", "text")
    .addColumn("nonce", "text")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("resource_app_id", "text", (c) => c.notNull())
    .addColumn("resource_requested", "text", (c) => c.notNull())
    .addColumn("api_version", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("auth_time", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("redeemed_at", TIME)
    .addColumn("family_id", "text")
    .execute();
  await db.schema
    .createTable("refresh_token")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("family_id", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("resource_app_id", "text", (c) => c.notNull())
    .addColumn("resource_requested", "text", (c) => c.notNull())
    .addColumn("api_version", "text", (c) => c.notNull())
    .addColumn("auth_time", TIME, (c) => c.notNull())
    .addColumn("public_client", "integer", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("rotated_at", TIME)
    .addColumn("revoked_at", TIME)
    .execute();
  await db.schema.createIndex("refresh_token_family").on("refresh_token").column("family_id").execute();
  await db.schema.createIndex("refresh_token_account").on("refresh_token").column("account_id").execute();
  await db.schema
    .createTable("device_code")
    .addColumn("device_code_hash", "text", (c) => c.primaryKey())
    .addColumn("user_code", "text", (c) => c.notNull().unique())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("tenant_segment", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("session_id", "text")
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("client_assertion_jti")
    .addColumn("jti", "text", (c) => c.primaryKey())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .execute();
}

/** Device codes remember what they issued, as authorization codes do (a replay revokes it). */
export async function addDeviceCodeFamily(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("device_code").addColumn("family_id", "text").execute();
}

/** Refresh tokens of single-page apps: 24 hours, CORS, redeemed only cross-origin (0208). */
export async function addRefreshTokenSpa(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("refresh_token")
    .addColumn("spa", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
