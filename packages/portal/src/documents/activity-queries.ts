import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";
import type { ActivityFilter } from "./activity-filter";
import type { DossierScope } from "./document-queries";

/** The dossier's trail, newest first, narrowed by the filter. */
export async function filteredEvents(
  db: Kysely<PortalDB>,
  scope: DossierScope,
  filter: ActivityFilter,
  limit: number,
) {
  let query = db
    .selectFrom("document_event")
    .selectAll()
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.person) query = query.where("actor", "=", filter.person);
  if (filter.since !== undefined) query = query.where("at", ">=", filter.since);
  if (filter.until !== undefined) query = query.where("at", "<=", filter.until);
  return query.orderBy("at", "desc").orderBy("id").limit(limit).execute();
}

/** Everyone who appears in the dossier's trail, for the person filter. */
export async function trailPeople(db: Kysely<PortalDB>, scope: DossierScope): Promise<string[]> {
  const rows = await db
    .selectFrom("document_event")
    .select("actor")
    .distinct()
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .orderBy("actor")
    .execute();
  return rows.map((r) => r.actor);
}
