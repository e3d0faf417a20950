import { narrow } from "@sesame/kit/db/database";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { enqueueJob } from "@sesame/kit/jobs/job-queue";
import type { JobHandler, JobPlanner } from "@sesame/kit/jobs/job-runner";
import type { JobTables } from "@sesame/kit/jobs/job-table";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { StaffRequest } from "../firms/firm-access";
import { translate } from "../i18n/messages";
import { guideUrl } from "../invitations/invitation-mail";
import { addReminderLink } from "../invitations/invitation-queries";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { queueReminderMail } from "./reminder-mail";
import {
  allReminderDays,
  recordReminder,
  storeReminderDays,
  unansweredInvitations,
} from "./reminder-queries";
import { dueReminderStep, formatReminderDays, reminderDaysOf } from "./reminder-rules";

export const INVITATION_REMINDER = "invitation-reminder";

const reminderPayload = z.object({ invitationId: z.string(), step: z.number().int().min(1) });

/**
 * Plans the reminders due now: one job per invitation and step, keyed by both, so several
 * instances planning at once plan it once.
 */
export const planInvitationReminders: JobPlanner<PortalDB> = async (db, now) => {
  const schedules = await allReminderDays(db);
  for (const invitation of await unansweredInvitations(db, now, DAY_MS)) {
    const days = reminderDaysOf(schedules.get(invitation.firm_id));
    const step = dueReminderStep(invitation.created_at, days, invitation.sentSteps, now);
    if (step === undefined) continue;
    await enqueueJob(
      narrow<JobTables, PortalDB>(db),
      {
        kind: INVITATION_REMINDER,
        key: `${INVITATION_REMINDER}:${invitation.id}:${step}`,
        payload: { invitationId: invitation.id, step },
        runAt: now,
      },
      now,
    );
  }
};

/**
 * Sends one reminder, in the job's transaction: checked again first (the contact may have moved
 * on since it was planned), recorded once per step, with a fresh link to the same invitation and
 * its mail in the contact's language, counted as a sending of the invitation.
 */
export function invitationReminderHandler(ctx: PortalContext): JobHandler<PortalDB> {
  return async (trx: Kysely<PortalDB>, job) => {
    const { invitationId, step } = reminderPayload.parse(job.payload);
    const now = job.now;
    const row = await trx
      .selectFrom("invitation")
      .innerJoin("contact", "contact.id", "invitation.contact_id")
      .select([
        "invitation.revoked_at",
        "invitation.completed_at",
        "invitation.expires_at",
        "invitation.contact_id",
      ])
      .where("invitation.id", "=", invitationId)
      .where("contact.tid", "is", null)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || row.completed_at !== null || row.expires_at <= now) return;
    if (!(await recordReminder(trx, invitationId, step, now))) return;
    const contact = await trx
      .selectFrom("contact")
      .selectAll()
      .where("id", "=", row.contact_id)
      .executeTakeFirstOrThrow();
    const firm = await trx
      .selectFrom("firm")
      .selectAll()
      .where("id", "=", contact.firm_id)
      .executeTakeFirstOrThrow();
    const token = await addReminderLink(trx, invitationId, now);
    await queueReminderMail(trx, {
      from: ctx.config.SESAME_MAIL_FROM,
      origin: ctx.origin,
      firm,
      contact,
      link: guideUrl(ctx.origin, firm, token),
      days: step,
      expiresAt: row.expires_at,
    });
    await ctx.writeAudit(
      trx,
      { name: translate("fr")("reminder.actor") },
      {
        scope: firm.id,
        action: "invitation.remind",
        target: contact.email,
        detail: { step },
      },
    );
  };
}

/** The firm administrator sets the reminder days ([] turns automatic reminders off). */
export async function saveReminderSettings(
  ctx: PortalContext,
  who: StaffRequest,
  days: readonly number[],
): Promise<void> {
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    await storeReminderDays(trx, who.firm.id, formatReminderDays(days), Date.now());
    return {
      result: undefined,
      audit: { scope: who.firm.id, action: "reminders.settings", target: formatReminderDays(days) || "-" },
    };
  });
}
