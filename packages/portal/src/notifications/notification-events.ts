import { randomUUID } from "node:crypto";
import { narrow } from "@sesame/kit/db/database";
import { enqueueJob } from "@sesame/kit/jobs/job-queue";
import type { JobTables } from "@sesame/kit/jobs/job-table";
import type { Kysely } from "kysely";
import type { NotificationKind } from "../storage/notification-tables";
import type { PortalDB } from "../storage/schema";

/** The job that tells a contact who was waiting for their organization's approval that it came. */
export const APPROVAL_NOTICE = "approval-notice";

/**
 * Who hears about a contact: the accountants in charge of the contact's dossiers; when none is,
 * the firm's administrators.
 */
async function recipientsOf(trx: Kysely<PortalDB>, firmId: string, contactId: string): Promise<string[]> {
  const accountants = await trx
    .selectFrom("contact_dossier")
    .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
    .select("dossier.accountant_id")
    .distinct()
    .where("contact_dossier.contact_id", "=", contactId)
    .where("dossier.firm_id", "=", firmId)
    .where("dossier.accountant_id", "is not", null)
    .execute();
  const ids = accountants.flatMap((a) => (a.accountant_id ? [a.accountant_id] : []));
  if (ids.length > 0) return ids;
  const admins = await trx
    .selectFrom("staff")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("role", "=", "admin")
    .execute();
  return admins.map((a) => a.id);
}

/**
 * Records that a contact moved on, in the caller's transaction (the operation that caused it):
 * the event and one unread line per staff member told. The digest job mails them later, batched.
 */
export async function recordNotification(
  trx: Kysely<PortalDB>,
  event: { firmId: string; contactId: string; kind: NotificationKind; now?: number },
): Promise<void> {
  const now = event.now ?? Date.now();
  const id = randomUUID();
  await trx
    .insertInto("notification")
    .values({ id, firm_id: event.firmId, contact_id: event.contactId, kind: event.kind, created_at: now })
    .execute();
  for (const staffId of await recipientsOf(trx, event.firmId, event.contactId))
    await trx
      .insertInto("notification_recipient")
      .values({ notification_id: id, staff_id: staffId, created_at: now, read_at: null, digested_at: null })
      .execute();
}

/**
 * An organization approved the firm's application: every contact of that tenant not yet approved
 * is an event for the firm, and each one still waiting to sign in (told to come back later) gets a
 * mail, once ever: the job's key is the contact's.
 */
export async function recordTenantApproval(
  trx: Kysely<PortalDB>,
  firmId: string,
  tenantId: string,
  now = Date.now(),
): Promise<void> {
  const contacts = await trx
    .selectFrom("contact")
    .select(["id", "tid"])
    .where("firm_id", "=", firmId)
    .where("readiness_kind", "=", "work")
    .where("readiness_tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("readiness_consent", "is", null), eb("readiness_consent", "!=", "approved")]))
    .execute();
  for (const contact of contacts) {
    await recordNotification(trx, { firmId, contactId: contact.id, kind: "approval_granted", now });
    // Not signed in and not approved: the guide showed them "ask your administrator, then come back".
    if (contact.tid === null)
      await enqueueJob(
        narrow<JobTables, PortalDB>(trx),
        {
          kind: APPROVAL_NOTICE,
          key: `${APPROVAL_NOTICE}:${contact.id}`,
          payload: { contactId: contact.id },
          runAt: now,
        },
        now,
      );
  }
}
