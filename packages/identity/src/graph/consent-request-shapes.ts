import type { AppConsentRequestRow, UserConsentRequest } from "../consent-requests/consent-request-queries";
import type { ConsentRequestPolicy } from "../consent-requests/consent-request-rules";
import { context } from "./graph-shapes";

const iso = (ms: number | null) =>
  ms === null ? null : new Date(Number(ms)).toISOString().replace(/\.\d{3}Z$/, "Z");

export function graphConsentRequestPolicy(policy: ConsentRequestPolicy): Record<string, unknown> {
  return {
    "@odata.context": context("policies/adminConsentRequestPolicy/$entity"),
    isEnabled: policy.isEnabled,
    notifyReviewers: policy.notifyReviewers,
    remindersEnabled: policy.remindersEnabled,
    requestDurationInDays: policy.requestDurationInDays,
    version: policy.version,
    reviewers: policy.reviewers.map((r) => ({
      query: r.query,
      queryType: r.queryType,
      queryRoot: r.queryRoot,
    })),
  };
}

/** The request's single approval stage (Graph's approvalStage; its id is the request's). */
export function graphApprovalStage(r: UserConsentRequest, assignedToMe: boolean): Record<string, unknown> {
  return {
    id: r.id,
    assignedToMe,
    displayName: null,
    justification: r.justification,
    reviewResult: r.review_result,
    reviewedDateTime: r.status === "Completed" ? iso(r.completed_at) : null,
    reviewedBy: r.reviewed_by_id ? { id: r.reviewed_by_id, displayName: r.reviewed_by_name } : null,
    status: r.status,
  };
}

export function graphUserConsentRequest(r: UserConsentRequest): Record<string, unknown> {
  return {
    id: r.id,
    approvalId: r.id,
    completedDateTime: iso(r.completed_at),
    createdBy: { user: { id: r.user_id, displayName: r.user_name, userPrincipalName: r.user_email } },
    createdDateTime: iso(r.created_at),
    customData: null,
    reason: r.reason,
    status: r.status,
  };
}

/** Graph's appConsentRequest: `pendingScopes` are what the undecided requests ask for. */
export function graphAppConsentRequest(
  a: AppConsentRequestRow,
  users: readonly UserConsentRequest[],
): Record<string, unknown> {
  const pending = users.filter((u) => u.status === "InProgress");
  const scopes = [...new Set(pending.flatMap((u) => u.scopes.split(" ").filter(Boolean)))];
  return {
    id: a.id,
    appId: a.client_app_id,
    appDisplayName: a.app_display_name,
    pendingScopes: scopes.map((displayName) => ({ displayName })),
  };
}
