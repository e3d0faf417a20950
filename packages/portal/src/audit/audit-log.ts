import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

/** One line of the firm's audit log, written in the transaction of the change it records. */
export async function recordAudit(
  db: Kysely<PortalDB>,
  entry: { firmId: string; actor: string; action: string; target: string },
): Promise<void> {
  await db
    .insertInto("audit_entry")
    .values({
      id: randomUUID(),
      firm_id: entry.firmId,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      at: Date.now(),
    })
    .execute();
}

export async function listAudit(db: Kysely<PortalDB>, firmId: string, limit = 200) {
  return db
    .selectFrom("audit_entry")
    .selectAll()
    .where("firm_id", "=", firmId)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
}
