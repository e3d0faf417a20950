import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { runConsentRequestTimers } from "../consent-requests/consent-expiry-operations";
import { listAppRequests, readPolicy, userRequestsOf } from "../consent-requests/consent-request-queries";
import { isReviewer, mayReadConsentRequests } from "../consent-requests/consent-request-rules";
import { decideConsentRequest } from "../consent-requests/consent-review-operations";
import type { IdentityContext } from "../context";
import { rolesOf } from "../roles/role-queries";
import { DirectoryError } from "../tenants/directory-error";
import { graphActor } from "./consent-policy-graph-routes";
import {
  graphAppConsentRequest,
  graphApprovalStage,
  graphUserConsentRequest,
} from "./consent-request-shapes";
import { badRequest, denied, GraphError, notFound } from "./graph-error";
import { type GraphScope, graphScope } from "./graph-handler";
import { context } from "./graph-shapes";
import { requirePermission } from "./graph-token";
import { odataPage, odataQuery, parseODataQuery } from "./odata-query";

const READ = {
  delegated: ["ConsentRequest.Read.All", "ConsentRequest.ReadWrite.All"],
  application: ["ConsentRequest.Read.All", "ConsentRequest.ReadWrite.All"],
};
const BASE = "/v1.0/identityGovernance/appConsent/appConsentRequests";
const ANY_STATUS = /^\s*userConsentRequests\/any\s*\(\s*(\w+)\s*:\s*\1\/status\s+eq\s+'(\w+)'\s*\)\s*$/i;
const FILTER_BY_CURRENT_USER = /^filterByCurrentUser\(on='(\w+)'\)$/;
const ids = z.object({ id: z.string().max(200) });
const userIds = ids.extend({ uid: z.string().max(100) });
const stageIds = userIds.extend({ sid: z.string().max(100) });
const stageBody = z.object({
  reviewResult: z.enum(["Approve", "Deny"]),
  justification: z.string().max(2000).optional(),
});

/** Who the caller is as a reviewer: app-only callers read everything and review nothing. */
async function access(ctx: IdentityContext, scope: GraphScope, write: boolean) {
  requirePermission(
    scope.caller,
    write ? { delegated: ["ConsentRequest.ReadWrite.All"], application: [] } : READ,
  );
  const policy = await readPolicy(ctx.db, scope.tenant.id);
  const userId = scope.caller.userId;
  if (!userId) return { reviewer: false, roles: [] as string[] };
  const roles = await rolesOf(ctx.db, userId);
  const reviewer = isReviewer(policy, { id: userId, roles });
  if (!reviewer && !mayReadConsentRequests(roles)) throw denied();
  return { reviewer, roles };
}

/** Graph `identityGovernance/appConsent/appConsentRequests`, with user requests and their approval. */
export function registerConsentRequestGraphRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const load = async (tenantId: string) => {
    await runConsentRequestTimers(ctx);
    const apps = await listAppRequests(ctx.db, tenantId);
    const users = await userRequestsOf(
      ctx.db,
      apps.map((a) => a.id),
    );
    return apps.map((a) => ({ row: a, users: users.filter((u) => u.app_request_id === a.id) }));
  };
  const list = async (
    scope: GraphScope,
    query: Record<string, string | string[]>,
    only?: (s: string) => boolean,
  ) => {
    const filter = typeof query.$filter === "string" ? query.$filter : undefined;
    const any = filter ? ANY_STATUS.exec(filter) : null;
    const rest = any ? Object.fromEntries(Object.entries(query).filter(([k]) => k !== "$filter")) : query;
    const q = parseODataQuery(rest, ["appId", "appDisplayName", "id"]);
    const items = (await load(scope.tenant.id))
      .filter(({ users }) => !any || users.some((u) => u.status.toLowerCase() === any[2]?.toLowerCase()))
      .filter(({ users }) => !only || users.some((u) => only(u.status)))
      .map(({ row, users }) => graphAppConsentRequest(row, users));
    return odataPage(items, q, {
      context: context("identityGovernance/appConsent/appConsentRequests"),
      nextLinkBase: `${ctx.origin}${BASE}`,
      query,
    });
  };
  const requestOf = async (scope: GraphScope, id: string) => {
    const found = (await load(scope.tenant.id)).find((a) => a.row.id === id);
    if (!found) throw notFound(id);
    return found;
  };
  const userRequestOf = async (scope: GraphScope, id: string, uid: string) => {
    const found = (await requestOf(scope, id)).users.find((u) => u.id === uid);
    if (!found) throw notFound(uid);
    return found;
  };

  api.get(BASE, { schema: { querystring: odataQuery } }, async (request) => {
    const scope = graphScope(request);
    await access(ctx, scope, false);
    return list(scope, request.query);
  });

  api.get(`${BASE}/:id`, { schema: { params: ids, querystring: odataQuery } }, async (request) => {
    const scope = graphScope(request);
    const who = await access(ctx, scope, false);
    const fn = FILTER_BY_CURRENT_USER.exec(request.params.id);
    if (fn) {
      if (fn[1] !== "reviewer") throw badRequest(`Invalid value '${fn[1]}' for parameter 'on'.`);
      if (!who.reviewer) return list(scope, request.query, () => false);
      return list(scope, request.query, (status) => status === "InProgress");
    }
    const found = await requestOf(scope, request.params.id);
    const expand = String(request.query.$expand ?? "").toLowerCase() === "userconsentrequests";
    return {
      "@odata.context": context("identityGovernance/appConsent/appConsentRequests/$entity"),
      ...graphAppConsentRequest(found.row, found.users),
      ...(expand ? { userConsentRequests: found.users.map(graphUserConsentRequest) } : {}),
    };
  });

  api.get(
    `${BASE}/:id/userConsentRequests`,
    { schema: { params: ids, querystring: odataQuery } },
    async (request) => {
      const scope = graphScope(request);
      await access(ctx, scope, false);
      const found = await requestOf(scope, request.params.id);
      const q = parseODataQuery(request.query, ["status", "reason", "id"]);
      return odataPage(found.users.map(graphUserConsentRequest), q, {
        context: context(
          `identityGovernance/appConsent/appConsentRequests('${found.row.id}')/userConsentRequests`,
        ),
        nextLinkBase: `${ctx.origin}${BASE}/${found.row.id}/userConsentRequests`,
        query: request.query,
      });
    },
  );

  api.get(`${BASE}/:id/userConsentRequests/:uid`, { schema: { params: userIds } }, async (request) => {
    const scope = graphScope(request);
    await access(ctx, scope, false);
    const r = await userRequestOf(scope, request.params.id, request.params.uid);
    return {
      "@odata.context": context(
        "identityGovernance/appConsent/appConsentRequests('…')/userConsentRequests/$entity",
      ),
      ...graphUserConsentRequest(r),
    };
  });

  api.get(
    `${BASE}/:id/userConsentRequests/:uid/approval`,
    { schema: { params: userIds } },
    async (request) => {
      const scope = graphScope(request);
      const who = await access(ctx, scope, false);
      const r = await userRequestOf(scope, request.params.id, request.params.uid);
      return { id: r.id, stages: [graphApprovalStage(r, who.reviewer)] };
    },
  );

  api.get(
    `${BASE}/:id/userConsentRequests/:uid/approval/stages`,
    { schema: { params: userIds } },
    async (request) => {
      const scope = graphScope(request);
      const who = await access(ctx, scope, false);
      const r = await userRequestOf(scope, request.params.id, request.params.uid);
      return { "@odata.context": context("approvalStages"), value: [graphApprovalStage(r, who.reviewer)] };
    },
  );

  api.patch(
    `${BASE}/:id/userConsentRequests/:uid/approval/stages/:sid`,
    { config: { csrf: false }, schema: { params: stageIds, body: stageBody } },
    async (request, reply) => {
      const scope = graphScope(request);
      const who = await access(ctx, scope, true);
      const r = await userRequestOf(scope, request.params.id, request.params.uid);
      if (request.params.sid !== r.id) throw notFound(request.params.sid);
      const userId = scope.caller.userId ?? "";
      try {
        await decideConsentRequest(ctx, {
          tenant: scope.tenant,
          reviewer: { id: userId, email: userId, roles: who.roles },
          actor: graphActor(scope, request.ip),
          appRequestId: r.app_request_id,
          decision: request.body.reviewResult === "Approve" ? "approve" : "deny",
          justification: request.body.justification,
        });
      } catch (error) {
        if (error instanceof DirectoryError && error.statusCode === 409)
          throw new GraphError(
            409,
            "Conflict",
            "The approval stage has already been reviewed or has expired.",
          );
        if (error instanceof DirectoryError && error.statusCode === 403) throw denied();
        throw error;
      }
      return reply.code(204).send();
    },
  );
}
