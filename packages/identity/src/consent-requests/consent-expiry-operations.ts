import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { audited } from "@sesame/kit/operations/audited";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { findTenant } from "../tenants/tenant-queries";
import { mailDate, workflowMail } from "./consent-request-mails";
import {
  findAppRequest,
  overdueRequests,
  readPolicy,
  reviewerAccounts,
  unremindedRequests,
} from "./consent-request-queries";
import { reminderDueAt, reviewerIds } from "./consent-request-rules";

const workflow: Actor = { id: null, name: "admin consent workflow", source: "system" };

/**
 * The workflow's clock: undecided requests past their duration expire (the requester is told),
 * and, where the tenant turned reminders on, reviewers get one reminder before that. Runs on a
 * timer and before the requests are shown; `now` is a parameter so tests need not wait days.
 */
export async function runConsentRequestTimers(
  ctx: IdentityContext,
  now = Date.now(),
): Promise<{ expired: number; reminded: number }> {
  let expired = 0;
  let reminded = 0;
  for (const request of await overdueRequests(ctx.db, now)) {
    const app = await findAppRequest(ctx.db, request.tenant_id, request.app_request_id);
    const tenant = await findTenant(ctx.db, request.tenant_id);
    const appName = app?.app_display_name ?? request.app_request_id;
    const done = await audited(ctx, workflow, async (trx) => {
      const updated = await trx
        .updateTable("user_consent_request")
        .set({ status: "Expired", open_key: null, completed_at: now })
        .where("id", "=", request.id)
        .where("status", "=", "InProgress")
        .executeTakeFirst();
      const changed = Number(updated.numUpdatedRows) === 1;
      if (changed)
        await enqueueMail(
          narrow<MailTables, IdentityDB>(trx),
          workflowMail(
            { to: request.user_email, from: ctx.config.SESAME_MAIL_FROM, language: request.language },
            "consentRequests.mail.expiredSubject",
            "consentRequests.mail.expiredText",
            () => ({ app: appName, tenant: tenant?.display_name ?? request.tenant_id }),
          ),
        );
      return {
        result: changed,
        audit: changed
          ? {
              scope: request.tenant_id,
              action: "consentRequest.expire",
              target: appName,
              detail: { request: request.id },
            }
          : [],
      };
    });
    if (done) expired++;
  }
  for (const request of await unremindedRequests(ctx.db)) {
    if (reminderDueAt(Number(request.created_at), Number(request.expires_at)) > now) continue;
    const policy = await readPolicy(ctx.db, request.tenant_id);
    const app = await findAppRequest(ctx.db, request.tenant_id, request.app_request_id);
    const appName = app?.app_display_name ?? request.app_request_id;
    const sent = await audited(ctx, workflow, async (trx) => {
      const updated = await trx
        .updateTable("user_consent_request")
        .set({ reminded_at: now })
        .where("id", "=", request.id)
        .where("reminded_at", "is", null)
        .executeTakeFirst();
      const mine = Number(updated.numUpdatedRows) === 1 && policy.isEnabled && policy.remindersEnabled;
      if (mine)
        for (const reviewer of await reviewerAccounts(trx, request.tenant_id, reviewerIds(policy)))
          await enqueueMail(
            narrow<MailTables, IdentityDB>(trx),
            workflowMail(
              { to: reviewer.email, from: ctx.config.SESAME_MAIL_FROM, language: reviewer.language },
              "consentRequests.mail.reminderSubject",
              "consentRequests.mail.reminderText",
              (locale) => ({
                app: appName,
                user: `${request.user_name} <${request.user_email}>`,
                url: `${ctx.origin}/admin/consent-requests/${request.app_request_id}`,
                date: mailDate(Number(request.expires_at), locale),
              }),
            ),
          );
      return { result: mine, audit: [] };
    });
    if (sent) reminded++;
  }
  if (expired + reminded > 0) ctx.mailQueued();
  return { expired, reminded };
}
