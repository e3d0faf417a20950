import type { FastifyReply, FastifyRequest } from "fastify";
import type { IdentityContext } from "../context";
import { translate } from "../i18n/messages";
import { DirectoryError } from "../tenants/directory-error";
import { findTenant, type Tenant } from "../tenants/tenant-queries";
import { GraphError, sendGraphError } from "./graph-error";
import { type GraphCaller, verifyGraphToken } from "./graph-token";

export interface GraphScope {
  readonly caller: GraphCaller;
  readonly tenant: Tenant;
}

/**
 * Every Graph endpoint: bearer token checked first, then the handler; refusals become OData error
 * bodies (directory refusals keep their English explanation, as Graph's messages are English).
 */
export function graphHandler(
  ctx: IdentityContext,
  handler: (request: FastifyRequest, reply: FastifyReply, scope: GraphScope) => Promise<unknown>,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const caller = await verifyGraphToken(ctx.db, ctx.origin, request.headers.authorization);
      const tenant = await findTenant(ctx.db, caller.tenantId);
      if (tenant?.kind !== "organization")
        throw new GraphError(
          403,
          "Authorization_RequestDenied",
          "Insufficient privileges to complete the operation.",
        );
      return await handler(request, reply, { caller, tenant });
    } catch (error) {
      if (error instanceof GraphError) return sendGraphError(request, reply, error);
      if (error instanceof DirectoryError) {
        const code = error.statusCode === 404 ? "Request_ResourceNotFound" : "Request_BadRequest";
        return sendGraphError(
          request,
          reply,
          new GraphError(error.statusCode, code, translate("en")(error.code, error.params)),
        );
      }
      throw error;
    }
  };
}
