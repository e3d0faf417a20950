import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { ROLES } from "../roles/role-catalogue";

/** Graph's `accessReviewReviewerScope`, as stored and returned. */
export interface ReviewerScope {
  readonly query: string;
  readonly queryType: string;
  readonly queryRoot: string | null;
}

/** Who a reviewer scope designates: one user, or every holder of a directory role. */
export type Reviewer =
  | { readonly kind: "user"; readonly id: string }
  | { readonly kind: "role"; readonly id: string };

export interface ConsentRequestPolicy {
  readonly isEnabled: boolean;
  readonly notifyReviewers: boolean;
  readonly remindersEnabled: boolean;
  readonly requestDurationInDays: number;
  readonly reviewers: readonly ReviewerScope[];
  readonly version: number;
}

const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const USER_QUERY = new RegExp(`^/(?:v1\\.0/|beta/)?users/(${GUID})$`);
const ROLE_QUERY = new RegExp(
  `^/(?:v1\\.0|beta)/roleManagement/directory/roleAssignments\\?\\$filter=roleDefinitionId eq '(${GUID})'$`,
);

/** The reviewer a Microsoft Graph query names; undefined for what Sésame cannot resolve (groups). */
export function parseReviewer(scope: ReviewerScope): Reviewer | undefined {
  if (scope.queryType !== "MicrosoftGraph") return undefined;
  const user = USER_QUERY.exec(scope.query);
  if (user?.[1]) return { kind: "user", id: user[1].toLowerCase() };
  const role = ROLE_QUERY.exec(scope.query);
  if (role?.[1]) return { kind: "role", id: role[1].toLowerCase() };
  return undefined;
}

export const userReviewer = (id: string): ReviewerScope => ({
  query: `/users/${id}`,
  queryType: "MicrosoftGraph",
  queryRoot: null,
});
export const roleReviewer = (templateId: string): ReviewerScope => ({
  query: `/beta/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '${templateId}'`,
  queryType: "MicrosoftGraph",
  queryRoot: null,
});

/** Microsoft's limits: 1 to 30 days, at most 25 reviewers, at least one when the workflow is on. */
export type PolicyProblem = "duration" | "reviewers" | "reviewerQuery" | "tooManyReviewers";

export function policyProblem(policy: Omit<ConsentRequestPolicy, "version">): PolicyProblem | undefined {
  if (policy.reviewers.length > 25) return "tooManyReviewers";
  if (policy.reviewers.some((r) => parseReviewer(r) === undefined)) return "reviewerQuery";
  if (!policy.isEnabled) return undefined;
  if (!Number.isInteger(policy.requestDurationInDays)) return "duration";
  if (policy.requestDurationInDays < 1 || policy.requestDurationInDays > 30) return "duration";
  if (policy.reviewers.length === 0) return "reviewers";
  return undefined;
}

/** The users and directory roles the policy's reviewer queries name. */
export function reviewerIds(policy: ConsentRequestPolicy): { userIds: string[]; roleIds: string[] } {
  const parsed = policy.reviewers.map(parseReviewer);
  return {
    userIds: parsed.flatMap((r) => (r?.kind === "user" ? [r.id] : [])),
    roleIds: parsed.flatMap((r) => (r?.kind === "role" ? [r.id] : [])),
  };
}

/** Is this account one of the policy's reviewers (by its id or one of its directory roles)? */
export function isReviewer(
  policy: ConsentRequestPolicy,
  account: { readonly id: string; readonly roles: readonly string[] },
): boolean {
  return policy.reviewers.some((scope) => {
    const r = parseReviewer(scope);
    if (!r) return false;
    return r.kind === "user" ? r.id === account.id.toLowerCase() : account.roles.includes(r.id);
  });
}

/** Who may change the policy (Graph delegated calls and the admin centre). */
const policyWriters: readonly string[] = [
  ROLES.globalAdministrator,
  ROLES.applicationAdministrator,
  ROLES.cloudApplicationAdministrator,
];
/** Who may read the policy and the requests: the writers and the Global Reader. */
const policyReaders: readonly string[] = [...policyWriters, ROLES.globalReader];

export const mayWritePolicy = (roles: readonly string[]) => roles.some((r) => policyWriters.includes(r));
export const mayReadConsentRequests = (roles: readonly string[]) =>
  roles.some((r) => policyReaders.includes(r));

export const expiresAt = (createdAt: number, policy: ConsentRequestPolicy): number =>
  createdAt + policy.requestDurationInDays * DAY_MS;

/** One reminder before the request expires: a day before, or half-way for a one-day request. */
export function reminderDueAt(createdAt: number, expires: number): number {
  return expires - Math.min(DAY_MS, (expires - createdAt) / 2);
}

/** The justification a user may type: Microsoft's box holds a short paragraph. */
export const REASON_MAX = 500;
