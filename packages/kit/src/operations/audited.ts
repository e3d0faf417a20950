import type { Kysely } from "kysely";

/**
 * One line of an audit trail. `scope` is what the trail is kept per: a tenant id in identity, a firm
 * id in the portal. Never put a password, a code or a token in `detail`.
 */
export interface AuditEntry {
  readonly scope: string;
  readonly action: string;
  readonly target: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** How a service writes its audit entries; it is handed the transaction of the change. */
export type AuditWriter<DB, Actor> = (trx: Kysely<DB>, actor: Actor, entry: AuditEntry) => Promise<void>;

/** What `audited` needs of a service context. */
export interface AuditedContext<DB, Actor> {
  readonly db: Kysely<DB>;
  readonly writeAudit: AuditWriter<DB, Actor>;
}

/** What an operation's change returns: its result and the entries that describe it. */
export interface AuditedChange<R> {
  readonly result: R;
  readonly audit: AuditEntry | readonly AuditEntry[];
}

/**
 * The one way an operation writes: `change` and its audit entries commit together or not at all,
 * so no front-end (page, Graph, CLI, API) can make a change that the trail does not show. Side
 * effects that must not happen on rollback (waking the mail sender) belong after this returns;
 * mail itself goes into the outbox inside `change`.
 */
export async function audited<DB, Actor, R>(
  ctx: AuditedContext<DB, Actor>,
  actor: Actor,
  change: (trx: Kysely<DB>) => Promise<AuditedChange<R>>,
): Promise<R> {
  return ctx.db.transaction().execute(async (trx) => {
    const { result, audit } = await change(trx);
    const entries: readonly AuditEntry[] = Array.isArray(audit) ? audit : [audit as AuditEntry];
    for (const entry of entries) await ctx.writeAudit(trx, actor, entry);
    return result;
  });
}
