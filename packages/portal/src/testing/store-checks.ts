import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

/** How many rows a table holds: what an operation test asserts after a write or a refusal. */
export async function rowCount(db: Kysely<PortalDB>, table: keyof PortalDB): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The firm's audit log as "actor: action target" lines, sorted (entries of one change share a time). */
export async function auditLines(db: Kysely<PortalDB>, firmId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_entry")
    .select(["action", "target", "actor"])
    .where("firm_id", "=", firmId)
    .orderBy("at")
    .execute();
  return rows.map((r) => `${r.actor}: ${r.action} ${r.target}`).sort();
}
