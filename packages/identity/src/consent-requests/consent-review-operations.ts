import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import { findApplication } from "../apps/app-queries";
import { type Actor, recordAudit } from "../audit/audit-log";
import { organizationOffer } from "../consent/organization-offer";
import { grantTenantWide } from "../consent/tenant-wide-grant";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";
import { workflowMail } from "./consent-request-mails";
import {
  findAppRequest,
  readPolicy,
  type UserConsentRequest,
  userRequestsOf,
} from "./consent-request-queries";
import { isReviewer, REASON_MAX } from "./consent-request-rules";

type Db = Kysely<IdentityDB>;

export interface Review {
  readonly tenant: { readonly id: string; readonly display_name: string };
  readonly reviewer: { readonly id: string; readonly email: string; readonly roles: readonly string[] };
  readonly actor: Actor;
  readonly appRequestId: string;
  readonly decision: "approve" | "deny";
  readonly justification?: string | undefined;
}

/** Marks the pending requests decided, and tells each requester; the update is the race guard. */
async function complete(
  ctx: IdentityContext,
  trx: Db,
  input: Review & { appName: string; pending: readonly UserConsentRequest[]; now: number },
): Promise<void> {
  const approved = input.decision === "approve";
  const justification = input.justification?.trim() ?? "";
  const updated = await trx
    .updateTable("user_consent_request")
    .set({
      status: "Completed",
      review_result: approved ? "Approved" : "Denied",
      justification: justification || null,
      reviewed_by_id: input.reviewer.id,
      reviewed_by_name: input.reviewer.email,
      open_key: null,
      completed_at: input.now,
    })
    .where(
      "id",
      "in",
      input.pending.map((r) => r.id),
    )
    .where("status", "=", "InProgress")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== input.pending.length)
    throw new DirectoryError("directory.error.consentRequest.notPending", {}, 409);
  for (const request of input.pending)
    await enqueueMail(
      narrow<MailTables, IdentityDB>(trx),
      workflowMail(
        { to: request.user_email, from: ctx.config.SESAME_MAIL_FROM, language: request.language },
        approved ? "consentRequests.mail.approvedSubject" : "consentRequests.mail.deniedSubject",
        approved ? "consentRequests.mail.approvedText" : "consentRequests.mail.deniedText",
        () => ({
          app: input.appName,
          by: input.reviewer.email,
          tenant: input.tenant.display_name,
          reason: justification,
        }),
      ),
    );
  await recordAudit(
    trx,
    input.tenant.id,
    input.actor,
    approved ? "consentRequest.approve" : "consentRequest.deny",
    input.appName,
    {
      requests: input.pending.map((r) => r.id),
      ...(justification ? { justification } : {}),
    },
  );
}

/**
 * A reviewer approves or denies an app's pending requests, for every user who asked. Approving
 * grants tenant-wide consent through the same operation and audit entry as the /adminconsent
 * flow; the decision and the requesters' mail commit in that same transaction.
 */
export async function decideConsentRequest(
  ctx: IdentityContext,
  review: Review,
  now = Date.now(),
): Promise<void> {
  const db = ctx.db;
  const appRequest = await findAppRequest(db, review.tenant.id, review.appRequestId);
  if (!appRequest) throw new DirectoryError("directory.error.consentRequest.unknown", {}, 404);
  const policy = await readPolicy(db, review.tenant.id);
  if (!isReviewer(policy, review.reviewer))
    throw new DirectoryError("directory.error.consentRequest.notReviewer", {}, 403);
  const pending = (await userRequestsOf(db, [appRequest.id])).filter(
    (r) => r.status === "InProgress" && r.expires_at > now,
  );
  if (pending.length === 0) throw new DirectoryError("directory.error.consentRequest.notPending", {}, 409);
  const input = { ...review, appName: appRequest.app_display_name, pending, now };
  if (review.decision === "deny") {
    if ((review.justification?.length ?? 0) > REASON_MAX)
      throw new DirectoryError("directory.error.consentRequest.denyReason");
    await audited(ctx, review.actor, async (trx) => {
      await complete(ctx, trx, input);
      return { result: undefined, audit: [] };
    });
  } else {
    const app = await findApplication(db, appRequest.client_app_id);
    if (!app) throw new DirectoryError("directory.error.consentRequest.unknown", {}, 404);
    const byResource = new Map<string, Set<string>>();
    for (const r of pending) {
      const scopes = byResource.get(r.resource_app_id) ?? new Set<string>();
      for (const s of r.scopes.split(" ").filter(Boolean)) scopes.add(s);
      byResource.set(r.resource_app_id, scopes);
    }
    const offer = await organizationOffer(db, {
      app,
      user: { oid: review.reviewer.id, tid: review.tenant.id, kind: "work" },
      delegated: [...byResource].map(([resourceAppId, scopes]) => ({ resourceAppId, scopes: [...scopes] })),
    });
    if (!offer) throw new DirectoryError("directory.error.consentRequest.cannotGrant", {}, 403);
    await grantTenantWide(db, offer.grant, review.actor, (trx) => complete(ctx, trx, input));
  }
  ctx.mailQueued();
}
