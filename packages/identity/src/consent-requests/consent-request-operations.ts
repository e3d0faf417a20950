import { randomUUID } from "node:crypto";
import { narrow } from "@sesame/kit/db/database";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";
import { mailDate, workflowMail } from "./consent-request-mails";
import {
  findAppRequestOf,
  openRequestOf,
  readPolicy,
  reviewerAccounts,
  writePolicy,
} from "./consent-request-queries";
import {
  type ConsentRequestPolicy,
  expiresAt,
  policyProblem,
  REASON_MAX,
  reviewerIds,
} from "./consent-request-rules";

type Db = Kysely<IdentityDB>;

/** The tenant's adminConsentRequestPolicy, replaced whole (Graph PUT, admin centre). */
export async function setConsentRequestPolicy(
  ctx: IdentityContext,
  actor: Actor,
  tenant: { id: string; display_name: string },
  policy: Omit<ConsentRequestPolicy, "version">,
): Promise<void> {
  const problem = policyProblem(policy);
  if (problem) throw new DirectoryError(`directory.error.consentRequest.${problem}`);
  await audited(ctx, actor, async (trx) => {
    await writePolicy(trx, tenant.id, policy);
    return {
      result: undefined,
      audit: {
        scope: tenant.id,
        action: "policy.adminConsentRequest",
        target: tenant.display_name,
        detail: {
          isEnabled: policy.isEnabled,
          notifyReviewers: policy.notifyReviewers,
          remindersEnabled: policy.remindersEnabled,
          requestDurationInDays: policy.requestDurationInDays,
          reviewers: policy.reviewers.map((r) => r.query),
        },
      },
    };
  });
}

export interface ConsentRequestInput {
  readonly tenant: { readonly id: string; readonly name: string };
  readonly user: {
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly language: string;
  };
  readonly app: { readonly appId: string; readonly displayName: string };
  readonly resourceAppId: string;
  readonly scopes: readonly string[];
  readonly reason: string;
}

/** An app's request row for the tenant: every user's request for the same app is grouped under it. */
async function appRequestId(trx: Db, input: ConsentRequestInput, now: number): Promise<string> {
  const found = await findAppRequestOf(trx, input.tenant.id, input.app.appId);
  if (found) return found.id;
  const id = randomUUID();
  await trx
    .insertInto("app_consent_request")
    .values({
      id,
      tenant_id: input.tenant.id,
      client_app_id: input.app.appId,
      app_display_name: input.app.displayName,
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * A user asks the tenant's reviewers to approve an app ("Request approval" on "Need admin
 * approval"). Refused when the workflow is off or the user already has a request pending for the
 * app; another user's request for the same app joins the same appConsentRequest.
 */
export async function requestAdminConsent(
  ctx: IdentityContext,
  input: ConsentRequestInput,
  now = Date.now(),
): Promise<{ appRequestId: string; userRequestId: string; days: number }> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > REASON_MAX)
    throw new DirectoryError("directory.error.consentRequest.reason");
  const actor: Actor = { id: input.user.id, name: input.user.email, source: "consent-request" };
  const run = () =>
    audited(ctx, actor, async (trx) => {
      const policy = await readPolicy(trx, input.tenant.id);
      if (!policy.isEnabled) throw new DirectoryError("directory.error.consentRequest.off", {}, 403);
      const appId = await appRequestId(trx, input, now);
      if (await openRequestOf(trx, appId, input.user.id))
        throw new DirectoryError("directory.error.consentRequest.duplicate", {}, 409);
      const id = randomUUID();
      const expires = expiresAt(now, policy);
      await trx
        .insertInto("user_consent_request")
        .values({
          id,
          app_request_id: appId,
          tenant_id: input.tenant.id,
          user_id: input.user.id,
          user_name: input.user.name,
          user_email: input.user.email,
          language: input.user.language,
          reason,
          resource_app_id: input.resourceAppId,
          scopes: [...new Set(input.scopes)].join(" "),
          status: "InProgress",
          review_result: "NotReviewed",
          justification: null,
          reviewed_by_id: null,
          reviewed_by_name: null,
          open_key: input.user.id,
          created_at: now,
          expires_at: expires,
          reminded_at: null,
          completed_at: null,
        })
        .execute();
      if (policy.notifyReviewers)
        for (const reviewer of await reviewerAccounts(trx, input.tenant.id, reviewerIds(policy)))
          await enqueueMail(
            narrow<MailTables, IdentityDB>(trx),
            workflowMail(
              { to: reviewer.email, from: ctx.config.SESAME_MAIL_FROM, language: reviewer.language },
              "consentRequests.mail.newSubject",
              "consentRequests.mail.newText",
              (locale) => ({
                app: input.app.displayName,
                user: `${input.user.name} <${input.user.email}>`,
                tenant: input.tenant.name,
                reason,
                url: `${ctx.origin}/admin/consent-requests/${appId}`,
                date: mailDate(expires, locale),
              }),
            ),
          );
      return {
        result: { appRequestId: appId, userRequestId: id, days: policy.requestDurationInDays },
        audit: {
          scope: input.tenant.id,
          action: "consentRequest.create",
          target: input.app.displayName,
          detail: { appId: input.app.appId, scopes: input.scopes.join(" ") },
        },
      };
    });
  let created: Awaited<ReturnType<typeof run>>;
  try {
    created = await run();
  } catch (error) {
    // Two submissions at once: the unique open request (or app request) refuses the second.
    if (!isUniqueViolation(error)) throw error;
    created = await run();
  }
  ctx.mailQueued();
  return created;
}
