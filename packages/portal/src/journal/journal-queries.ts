import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

/**
 * The firm's audit entries (newest first, at most `limit`) with what turns addresses and tenant ids
 * into names: the firm's staff and contacts by address, organisations by tenant id.
 */
export async function journalEntries(db: Kysely<PortalDB>, firmId: string, limit = 1000) {
  const [entries, staff, contacts] = await Promise.all([
    db
      .selectFrom("audit_entry")
      .selectAll()
      .where("firm_id", "=", firmId)
      .orderBy("at", "desc")
      .limit(limit)
      .execute(),
    db
      .selectFrom("staff")
      .select(["email_normalized", "display_name"])
      .where("firm_id", "=", firmId)
      .execute(),
    db
      .selectFrom("contact")
      .select(["email_normalized", "first_name", "last_name", "readiness_tenant_id", "readiness_domain"])
      .where("firm_id", "=", firmId)
      .execute(),
  ]);
  const names = new Map<string, string>();
  for (const s of staff) names.set(s.email_normalized, s.display_name);
  for (const c of contacts) names.set(c.email_normalized, `${c.first_name} ${c.last_name}`);
  const organisations = new Map<string, string>();
  for (const c of contacts)
    if (c.readiness_tenant_id && c.readiness_domain)
      organisations.set(c.readiness_tenant_id, c.readiness_domain);
  return { entries, names, organisations };
}
