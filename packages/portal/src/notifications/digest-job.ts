import { narrow } from "@sesame/kit/db/database";
import { enqueueJob } from "@sesame/kit/jobs/job-queue";
import type { JobHandler, JobPlanner } from "@sesame/kit/jobs/job-runner";
import type { JobTables } from "@sesame/kit/jobs/job-table";
import { z } from "zod";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { queueDigestMail } from "./digest-mail";
import {
  markDigested,
  preferenceOf,
  recordDigestSent,
  staffAwaitingDigest,
  undigested,
} from "./notification-queries";
import { DIGEST_PERIOD_MS, digestDue, mutedKindsOf } from "./notification-rules";

export const NOTIFICATION_DIGEST = "notification-digest";

const digestPayload = z.object({ staffId: z.string() });

/**
 * Plans a digest for each staff member with notifications waiting whose last digest is a period
 * old: one job per staff member and period, keyed by both, so instances planning at once plan one.
 */
export const planNotificationDigests: JobPlanner<PortalDB> = async (db, now) => {
  const period = Math.floor(now / DIGEST_PERIOD_MS);
  for (const waiting of await staffAwaitingDigest(db)) {
    if (!digestDue(waiting.last_digest_at, now)) continue;
    await enqueueJob(
      narrow<JobTables, PortalDB>(db),
      {
        kind: NOTIFICATION_DIGEST,
        key: `${NOTIFICATION_DIGEST}:${waiting.staff_id}:${period}`,
        payload: { staffId: waiting.staff_id },
        runAt: now,
      },
      now,
    );
  }
};

/**
 * Sends one staff member's digest in the job's transaction: everything waiting is taken, the kinds
 * they switched off are left out of the mail (and never sent later), the mail is in their language.
 */
export function notificationDigestHandler(ctx: PortalContext): JobHandler<PortalDB> {
  return async (trx, job) => {
    const { staffId } = digestPayload.parse(job.payload);
    const preference = await preferenceOf(trx, staffId);
    if (!digestDue(preference?.last_digest_at, job.now)) return;
    const waiting = await undigested(trx, staffId);
    await markDigested(
      trx,
      staffId,
      waiting.map((line) => line.id),
      job.now,
    );
    const muted = mutedKindsOf(preference?.muted_kinds);
    const lines = waiting.filter((line) => !muted.has(line.kind));
    if (lines.length === 0) return;
    const staff = await trx
      .selectFrom("staff")
      .selectAll()
      .where("id", "=", staffId)
      .executeTakeFirstOrThrow();
    const firm = await trx
      .selectFrom("firm")
      .selectAll()
      .where("id", "=", staff.firm_id)
      .executeTakeFirstOrThrow();
    await queueDigestMail(trx, {
      origin: ctx.origin,
      from: ctx.config.SESAME_MAIL_FROM,
      firm,
      staff,
      locale: preference?.language ?? "fr",
      lines,
    });
    await recordDigestSent(trx, staffId, job.now);
  };
}
