import type { FastifyRequest } from "fastify";
import type { IdentityContext } from "../context";
import { findTenant, type Tenant } from "../tenants/tenant-queries";
import { denied } from "./graph-error";
import { type GraphCaller, verifyGraphToken } from "./graph-token";

export interface GraphScope {
  readonly caller: GraphCaller;
  readonly tenant: Tenant;
}

const scopes = new WeakMap<FastifyRequest, GraphScope>();

/**
 * The Graph surface's first step, before its input is parsed: the bearer token (401) and an
 * organization tenant (403), as Graph answers an unauthenticated call before looking at its body.
 */
export function authenticateGraph(ctx: IdentityContext) {
  return async (request: FastifyRequest) => {
    const caller = await verifyGraphToken(ctx.db, ctx.origin, request.headers.authorization);
    const tenant = await findTenant(ctx.db, caller.tenantId);
    if (tenant?.kind !== "organization") throw denied();
    scopes.set(request, { caller, tenant });
  };
}

/** The caller that `authenticateGraph` checked for this request. */
export function graphScope(request: FastifyRequest): GraphScope {
  const scope = scopes.get(request);
  // Only missing when a route is registered outside the Graph surface: a programming error.
  if (!scope) throw new Error("Graph route registered outside the Graph surface");
  return scope;
}
