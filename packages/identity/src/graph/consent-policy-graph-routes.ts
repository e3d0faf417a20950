import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../audit/audit-log";
import { setConsentRequestPolicy } from "../consent-requests/consent-request-operations";
import { readPolicy } from "../consent-requests/consent-request-queries";
import { mayReadConsentRequests, mayWritePolicy } from "../consent-requests/consent-request-rules";
import type { IdentityContext } from "../context";
import { rolesOf } from "../roles/role-queries";
import { graphConsentRequestPolicy } from "./consent-request-shapes";
import { denied } from "./graph-error";
import { type GraphScope, graphScope } from "./graph-handler";
import { requirePermission } from "./graph-token";

const READ_POLICY = {
  delegated: [
    "Policy.Read.All",
    "Policy.ReadWrite.ConsentRequest",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  application: [
    "Policy.Read.All",
    "Policy.ReadWrite.ConsentRequest",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
};
const WRITE_POLICY = {
  delegated: ["Policy.ReadWrite.ConsentRequest", "Directory.ReadWrite.All"],
  application: ["Policy.ReadWrite.ConsentRequest", "Directory.ReadWrite.All"],
};

const policyBody = z.object({
  isEnabled: z.boolean(),
  notifyReviewers: z.boolean(),
  remindersEnabled: z.boolean(),
  requestDurationInDays: z.number().int(),
  reviewers: z
    .array(
      z.object({
        query: z.string().max(500),
        queryType: z.string().max(50),
        queryRoot: z.string().max(100).nullable().optional(),
      }),
    )
    .max(100),
});

/** Who a Graph call acts as, for the audit trail: the signed-in user, or the application. */
export function graphActor(scope: GraphScope, ip: string): Actor {
  const { caller } = scope;
  return caller.userId
    ? { id: caller.userId, name: caller.userId, source: ip }
    : { id: null, name: `application ${caller.clientId}`, source: ip };
}

/** A delegated call also needs the signed-in user's directory role, as at Microsoft. */
async function requireRole(ctx: IdentityContext, scope: GraphScope, allowed: (roles: string[]) => boolean) {
  if (!scope.caller.userId) return;
  if (!allowed(await rolesOf(ctx.db, scope.caller.userId))) throw denied();
}

/** Graph `policies/adminConsentRequestPolicy`: the tenant's admin consent workflow settings. */
export function registerConsentPolicyGraphRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/v1.0/policies/adminConsentRequestPolicy", async (request) => {
    const scope = graphScope(request);
    requirePermission(scope.caller, READ_POLICY);
    await requireRole(ctx, scope, mayReadConsentRequests);
    return graphConsentRequestPolicy(await readPolicy(ctx.db, scope.tenant.id));
  });

  api.put(
    "/v1.0/policies/adminConsentRequestPolicy",
    { config: { csrf: false }, schema: { body: policyBody } },
    async (request, reply) => {
      const scope = graphScope(request);
      requirePermission(scope.caller, WRITE_POLICY);
      await requireRole(ctx, scope, mayWritePolicy);
      const body = request.body;
      await setConsentRequestPolicy(ctx, graphActor(scope, request.ip), scope.tenant, {
        ...body,
        reviewers: body.reviewers.map((r) => ({
          query: r.query,
          queryType: r.queryType,
          queryRoot: r.queryRoot ?? null,
        })),
      });
      return reply.code(204).send();
    },
  );
}
