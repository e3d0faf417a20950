import { randomUUID } from "node:crypto";
import type { AuditWriter } from "@sesame/kit/operations/audited";
import type { Kysely, Selectable } from "kysely";
import type { AuditLogTable, SignInLogTable } from "../storage/audit-tables";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

/** Who acts: a signed-in admin (with the request's IP) or the CLI operator. */
export interface Actor {
  readonly id: string | null;
  readonly name: string;
  readonly source: string;
}

export const cliActor: Actor = { id: null, name: "sesame CLI", source: "cli" };

/** Writes one audit entry; call it in the transaction of the change it describes. */
export async function recordAudit(
  trx: Db,
  tenantId: string,
  actor: Actor,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      tenant_id: tenantId,
      actor_id: actor.id,
      actor_name: actor.name,
      action,
      target,
      detail: JSON.stringify(detail),
      source: actor.source.slice(0, 64),
      created_at: Date.now(),
    })
    .execute();
}

/** identity's writer for kit's `audited`: an entry's scope is the tenant whose trail it joins. */
export const writeAuditEntry: AuditWriter<IdentityDB, Actor> = (trx, actor, entry) =>
  recordAudit(trx, entry.scope, actor, entry.action, entry.target, { ...entry.detail });

export function listAudit(db: Db, tenantId: string, limit = 200): Promise<Selectable<AuditLogTable>[]> {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export interface SignInRecord {
  readonly tenantId: string;
  readonly accountId: string | null;
  readonly userPrincipalName: string;
  /** "success", or the AADSTS number of the failure ("50126", "50057" …). */
  readonly result: string;
  readonly clientId?: string | null;
  readonly ip: string;
  readonly userAgent: string;
}

/**
 * For the sign-in flow: one row per attempt of a work account, shown in its tenant's admin centre
 * ("Sign-in logs"). Never pass the password or any code.
 */
export async function recordSignIn(db: Db, record: SignInRecord): Promise<void> {
  await db
    .insertInto("sign_in_log")
    .values({
      id: randomUUID(),
      tenant_id: record.tenantId,
      account_id: record.accountId,
      user_principal_name: record.userPrincipalName.slice(0, 254),
      result: record.result.slice(0, 32),
      client_id: record.clientId ?? null,
      ip: record.ip.slice(0, 64),
      user_agent: record.userAgent.slice(0, 300),
      created_at: Date.now(),
    })
    .execute();
}

export function listSignIns(db: Db, tenantId: string, limit = 200): Promise<Selectable<SignInLogTable>[]> {
  return db
    .selectFrom("sign_in_log")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
