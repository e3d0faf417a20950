import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

/** The firm's people and dossiers the journal names and filters by. */
export async function journalDirectory(db: Kysely<PortalDB>, firmId: string) {
  const [staff, contacts, dossiers, links] = await Promise.all([
    db
      .selectFrom("staff")
      .select(["id", "email_normalized", "display_name"])
      .where("firm_id", "=", firmId)
      .orderBy("display_name")
      .execute(),
    db
      .selectFrom("contact")
      .select([
        "id",
        "email_normalized",
        "first_name",
        "last_name",
        "readiness_tenant_id",
        "readiness_domain",
        "readiness_organization",
      ])
      .where("firm_id", "=", firmId)
      .orderBy("last_name")
      .orderBy("first_name")
      .execute(),
    db
      .selectFrom("dossier")
      .select(["id", "name", "siren"])
      .where("firm_id", "=", firmId)
      .orderBy("name")
      .execute(),
    db
      .selectFrom("contact_dossier")
      .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
      .select(["contact_dossier.contact_id", "contact_dossier.dossier_id"])
      .where("dossier.firm_id", "=", firmId)
      .execute(),
  ]);
  return { staff, contacts, dossiers, links };
}

export type JournalDirectory = Awaited<ReturnType<typeof journalDirectory>>;

/** The firm's audit entries in a time window (newest first, at most `limit`). */
export async function journalEntries(
  db: Kysely<PortalDB>,
  firmId: string,
  window: { from: number | undefined; until: number | undefined },
  limit = 1000,
) {
  let query = db.selectFrom("audit_entry").selectAll().where("firm_id", "=", firmId);
  if (window.from !== undefined) query = query.where("at", ">=", window.from);
  if (window.until !== undefined) query = query.where("at", "<", window.until);
  return query.orderBy("at", "desc").limit(limit).execute();
}
