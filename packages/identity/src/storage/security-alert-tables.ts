import { TIME } from "@sesame/kit/db/columns";
import { DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { Kysely } from "kysely";

/** Browsers an account has signed in from: a sign-in from any other one is announced by mail. */
export interface KnownDeviceTable {
  account_id: string;
  /** SHA-256 of the browser's long-lived device cookie. */
  device_hash: string;
  first_seen_at: number;
  last_seen_at: number;
}

/** The "This wasn't me" link of a security mail: single use, only its SHA-256 stored. */
export interface SecurityAlertTable {
  token_hash: string;
  account_id: string;
  kind: "new-sign-in" | "password-changed" | "deletion-requested" | "factor-added" | "factor-removed";
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SecurityAlertTables {
  known_device: KnownDeviceTable;
  security_alert: SecurityAlertTable;
}

/** A link of a security mail works for 30 days; its row goes a day later. */
export const securityAlertExpiry: ExpiryRule = {
  table: "security_alert",
  column: "expires_at",
  keepMs: DAY_MS,
};

export async function createSecurityAlertTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("known_device")
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("device_hash", "text", (c) => c.notNull())
    .addColumn("first_seen_at", TIME, (c) => c.notNull())
    .addColumn("last_seen_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("known_device_pk", ["account_id", "device_hash"])
    .execute();
  await db.schema
    .createTable("security_alert")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("used_at", TIME)
    .execute();
}
