import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";
import type { AccountKind, Readiness } from "./readiness-rules";

/**
 * Keeps the latest readiness seen for a contact (what the firm's lists and the guide show). With
 * `onlyFrom`, only while the kind kept is one of those; says whether the contact row changed.
 */
export async function saveReadiness(
  db: Kysely<PortalDB>,
  contactId: string,
  readiness: Readiness,
  options: { readonly unbind?: boolean; readonly onlyFrom?: readonly AccountKind[] } = {},
): Promise<boolean> {
  let update = db
    .updateTable("contact")
    .set({
      ...(options.unbind ? { tid: null, oid: null } : {}),
      readiness_kind: readiness.kind,
      readiness_tenant_id: readiness.tenantId,
      readiness_domain: readiness.domain,
      readiness_organization: readiness.organization ?? null,
      readiness_consent: readiness.consent,
      readiness_checked_at: readiness.checkedAt,
    })
    .where("id", "=", contactId);
  if (options.onlyFrom) update = update.where("readiness_kind", "in", options.onlyFrom);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
