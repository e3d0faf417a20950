import { randomUUID } from "node:crypto";
import type { AuditWriter } from "@sesame/kit/operations/audited";
import type { PortalDB } from "../storage/schema";

/**
 * Who made a change, as the firm's audit log shows it: a staff member's or a contact's address, or
 * the name of the administrator who approved the application.
 */
export interface PortalActor {
  readonly name: string;
}

/**
 * The portal's audit writer for kit's `audited`: one line of the firm's log (the entry's scope is
 * the firm id), written in the transaction of the change it records.
 */
export const writeAudit: AuditWriter<PortalDB, PortalActor> = async (trx, actor, entry) => {
  await trx
    .insertInto("audit_entry")
    .values({
      id: randomUUID(),
      firm_id: entry.scope,
      actor: actor.name,
      action: entry.action,
      target: entry.target,
      at: Date.now(),
    })
    .execute();
};
