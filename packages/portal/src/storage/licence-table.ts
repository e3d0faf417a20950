import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * pending_send: stored, not yet accepted by identity's reseller API (the sender retries);
 * sent: the reseller received it; fulfilled / rejected: the reseller's answer, or a permanent refusal;
 * supplier: real Microsoft has no reseller API, the firm's licence supplier handles it by hand.
 */
export type LicenceStatus = "pending_send" | "sent" | "fulfilled" | "rejected" | "supplier";

export interface LicenceRequestTable {
  id: string;
  firm_id: string;
  /** Who asked: a contact, or null when the firm asked itself. */
  contact_id: string | null;
  requested_by: string;
  tenant_id: string;
  sku: string;
  seats: number;
  status: LicenceStatus;
  note: string | null;
  created_at: number;
  updated_at: number;
}

/** Columns of the sending outbox (migration 0710): how the request travels to identity's reseller. */
export interface LicenceSendingColumns {
  /** Shown to the reseller as the customer (the organization's domain or the client's name). */
  customer_name: string | null;
  /** The id identity's reseller API gave the request. */
  remote_id: string | null;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
  /** Technical detail of the last failure or refusal (kept for the staff). */
  last_error: string | null;
}

export interface LicenceTables {
  licence_request: LicenceRequestTable & LicenceSendingColumns;
}

export async function createLicenceTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("licence_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("contact_id", "text")
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("sku", "text", (c) => c.notNull())
    .addColumn("seats", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("licence_by_firm")
    .on("licence_request")
    .columns(["firm_id", "created_at"])
    .execute();
}

export async function addLicenceSendingColumns(db: Kysely<unknown>): Promise<void> {
  const columns: [string, "text" | "integer" | typeof TIME, unknown?][] = [
    ["customer_name", "text"],
    ["remote_id", "text"],
    ["attempts", "integer", 0],
    ["next_attempt_at", TIME, 0],
    ["claimed_until", TIME],
    ["last_error", "text"],
  ];
  for (const [name, type, fallback] of columns)
    await db.schema
      .alterTable("licence_request")
      .addColumn(name, type, (c) => (fallback === undefined ? c : c.notNull().defaultTo(fallback)))
      .execute();
  await db.schema
    .createIndex("licence_due")
    .on("licence_request")
    .columns(["status", "next_attempt_at"])
    .execute();
}
