import { type JobRunner, startJobRunner } from "@sesame/kit/jobs/job-runner";
import { planTusCleanup, TUS_CLEANUP, tusCleanupHandler } from "./documents/tus-cleanup";
import { approvalNoticeHandler } from "./invitations/approval-notice";
import { MESSAGE_NOTICE, messageNoticeHandler, planMessageNotices } from "./messages/message-notice";
import {
  NOTIFICATION_DIGEST,
  notificationDigestHandler,
  planNotificationDigests,
} from "./notifications/digest-job";
import { APPROVAL_NOTICE } from "./notifications/notification-events";
import {
  INVITATION_REMINDER,
  invitationReminderHandler,
  planInvitationReminders,
} from "./reminders/reminder-operations";
import {
  planRequestDigests,
  REQUEST_DIGEST,
  requestDigestHandler,
} from "./requests/request-digest-operations";
import type { PortalContext } from "./service/portal-context";
import type { PortalDB } from "./storage/schema";

/**
 * The portal's durable jobs (kit `jobs/`): each feature adds its handlers and planners here. Started
 * with the service, stopped on shutdown after HTTP; every instance runs one, each job runs once.
 */
export function startPortalJobs(
  ctx: PortalContext,
  options: { now?: () => number; pollMs?: number } = {},
): JobRunner {
  return startJobRunner<PortalDB>({
    database: ctx.database,
    logger: ctx.logger,
    handlers: {
      [INVITATION_REMINDER]: invitationReminderHandler(ctx),
      [NOTIFICATION_DIGEST]: notificationDigestHandler(ctx),
      [APPROVAL_NOTICE]: approvalNoticeHandler(ctx),
      [REQUEST_DIGEST]: requestDigestHandler(ctx),
      [MESSAGE_NOTICE]: messageNoticeHandler(ctx),
      [TUS_CLEANUP]: tusCleanupHandler(ctx),
    },
    planners: [
      planInvitationReminders,
      planNotificationDigests,
      planRequestDigests,
      planMessageNotices,
      planTusCleanup,
    ],
    ...(options.now ? { now: options.now } : {}),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
}
