import { TIME } from "@sesame/kit/db/columns";
import { DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { Kysely } from "kysely";

export type ApprovalStatus = "pending" | "approved" | "refused";

/**
 * The firm asks one contact (with the "approve" right) to approve one version of a document. The
 * decision records who (tid, oid, name, as the fresh sign-in's ID token said), when, from where,
 * and the SHA-256 of the exact version shown.
 */
export interface ApprovalTable {
  id: string;
  firm_id: string;
  dossier_id: string;
  document_id: string;
  document_name: string;
  version_number: number;
  sha256: string;
  contact_id: string;
  requested_by: string;
  requested_at: number;
  note: string;
  status: ApprovalStatus;
  decided_at: number | null;
  comment: string | null;
  signer_tid: string | null;
  signer_oid: string | null;
  signer_name: string | null;
  signer_ip: string | null;
  signer_user_agent: string | null;
  /** The fresh sign-in's `auth_time` (ms). */
  auth_time: number | null;
}

/**
 * A re-authentication at identity for one approval: started here (state, nonce, verifier kept
 * server-side), proved when the ID token's auth_time is after `started_at`, used by one decision.
 */
export interface ApprovalReauthTable {
  state: string;
  approval_id: string;
  contact_id: string;
  code_verifier: string;
  nonce: string;
  started_at: number;
  verified_at: number | null;
  auth_time: number | null;
  tid: string | null;
  oid: string | null;
  name: string | null;
  used_at: number | null;
}

/**
 * A re-authentication serves for 10 minutes; a day later it is gone (the decision keeps what it
 * proved: who, auth_time, from where).
 */
export const approvalExpiry: readonly ExpiryRule[] = [
  { table: "approval_reauth", column: "started_at", keepMs: DAY_MS },
];

export interface ApprovalTables {
  approval: ApprovalTable;
  approval_reauth: ApprovalReauthTable;
}

export async function createApprovalTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("approval")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("dossier_id", "text", (c) => c.notNull().references("dossier.id"))
    .addColumn("document_id", "text", (c) => c.notNull().references("document.id"))
    .addColumn("document_name", "text", (c) => c.notNull())
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull().references("contact.id"))
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("requested_at", TIME, (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_at", TIME)
    .addColumn("comment", "text")
    .addColumn("signer_tid", "text")
    .addColumn("signer_oid", "text")
    .addColumn("signer_name", "text")
    .addColumn("signer_ip", "text")
    .addColumn("signer_user_agent", "text")
    .addColumn("auth_time", TIME)
    .execute();
  await db.schema
    .createIndex("approval_by_dossier")
    .on("approval")
    .columns(["dossier_id", "requested_at"])
    .execute();
  await db.schema
    .createIndex("approval_by_contact")
    .on("approval")
    .columns(["contact_id", "status"])
    .execute();
  await db.schema
    .createTable("approval_reauth")
    .addColumn("state", "text", (c) => c.primaryKey())
    .addColumn("approval_id", "text", (c) => c.notNull().references("approval.id"))
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("started_at", TIME, (c) => c.notNull())
    .addColumn("verified_at", TIME)
    .addColumn("auth_time", TIME)
    .addColumn("tid", "text")
    .addColumn("oid", "text")
    .addColumn("name", "text")
    .addColumn("used_at", TIME)
    .execute();
}
