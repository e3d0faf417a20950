import { narrow } from "@sesame/kit/db/database";
import { enqueueJob } from "@sesame/kit/jobs/job-queue";
import type { JobHandler, JobPlanner } from "@sesame/kit/jobs/job-runner";
import type { JobTables } from "@sesame/kit/jobs/job-table";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { tusServer } from "./tus-server";

export const TUS_CLEANUP = "documents.tus-cleanup";
const HOUR_MS = 3600_000;

/** Once an hour, across all instances: one job keyed by the hour. */
export const planTusCleanup: JobPlanner<PortalDB> = async (db, now) => {
  const hour = Math.floor(now / HOUR_MS);
  await enqueueJob(
    narrow<JobTables, PortalDB>(db),
    { kind: TUS_CLEANUP, key: `${TUS_CLEANUP}:${hour}`, runAt: now },
    now,
  );
};

/** Removes the partial uploads nobody resumed within their expiry (bytes and metadata). */
export function tusCleanupHandler(ctx: PortalContext): JobHandler<PortalDB> {
  return async () => {
    const removed = await (await tusServer(ctx)).cleanUpExpiredUploads();
    if (removed > 0) ctx.logger.info({ removed }, "stale partial uploads removed");
  };
}
