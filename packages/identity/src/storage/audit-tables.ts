import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** Who did what to the directory, when and from where (admin centre, CLI, reseller). */
export interface AuditLogTable {
  id: string;
  tenant_id: string;
  /** Account id of the actor; null for the CLI (an operator on the server). */
  actor_id: string | null;
  actor_name: string;
  action: string;
  target: string;
  /** JSON object with the details of the change. */
  detail: string;
  /** Client IP, or "cli". */
  source: string;
  created_at: number;
}

/** Sign-in attempts of a tenant's users, written by the sign-in flow through recordSignIn. */
export interface SignInLogTable {
  id: string;
  tenant_id: string;
  account_id: string | null;
  user_principal_name: string;
  /** "success" or an AADSTS code such as "50126". */
  result: string;
  client_id: string | null;
  ip: string;
  user_agent: string;
  created_at: number;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  sign_in_log: SignInLogTable;
}

export async function createAuditTables(db: Kysely<unknown>): Promise<void> {
  for (const table of ["audit_log", "sign_in_log"] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull());
    builder =
      table === "audit_log"
        ? builder
            .addColumn("actor_id", "text")
            .addColumn("actor_name", "text", (c) => c.notNull())
            .addColumn("action", "text", (c) => c.notNull())
            .addColumn("target", "text", (c) => c.notNull())
            .addColumn("detail", "text", (c) => c.notNull())
            .addColumn("source", "text", (c) => c.notNull())
        : builder
            .addColumn("account_id", "text")
            .addColumn("user_principal_name", "text", (c) => c.notNull())
            .addColumn("result", "text", (c) => c.notNull())
            .addColumn("client_id", "text")
            .addColumn("ip", "text", (c) => c.notNull())
            .addColumn("user_agent", "text", (c) => c.notNull());
    await builder.addColumn("created_at", TIME, (c) => c.notNull()).execute();
    await db.schema
      .createIndex(`${table}_tenant_time`)
      .on(table)
      .columns(["tenant_id", "created_at"])
      .execute();
  }
}
