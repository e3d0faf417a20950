import { type JobRunner, startJobRunner } from "@sesame/kit/jobs/job-runner";
import {
  ACCOUNT_ERASURE,
  accountErasureHandler,
  planAccountErasures,
} from "./account-deletion/deletion-operations";
import type { IdentityContext } from "./context";
import type { IdentityDB } from "./storage/schema";

/**
 * identity's durable jobs (kit `jobs/`): each feature adds its handlers and planners here. Started
 * with the service, stopped on shutdown after HTTP; every instance runs one, each job runs once.
 */
export function startIdentityJobs(
  ctx: IdentityContext,
  options: { now?: () => number; pollMs?: number; timer?: boolean } = {},
): JobRunner {
  return startJobRunner<IdentityDB>({
    database: ctx.database,
    logger: ctx.logger,
    handlers: { [ACCOUNT_ERASURE]: accountErasureHandler(ctx) },
    planners: [planAccountErasures],
    // Erasure is due to the day: a pass every ten minutes is soon enough.
    pollMs: options.pollMs ?? 10 * 60 * 1000,
    ...(options.now ? { now: options.now } : {}),
    ...(options.timer === false ? { timer: false } : {}),
  });
}
