import type { FastifyReply, FastifyRequest } from "fastify";

/** A Graph failure with Microsoft's OData error code (docs/microsoft-behaviour.md#graph). */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

export const denied = () =>
  new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

export const notFound = (id: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string) => new GraphError(400, "Request_BadRequest", message);

/** `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`; the date has no Z. */
export function sendGraphError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: GraphError,
): FastifyReply {
  if (error.status === 401) reply.header("www-authenticate", 'Bearer realm="", error="invalid_token"');
  return reply.code(error.status).send({
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        "request-id": request.id,
        "client-request-id": request.correlationId,
      },
    },
  });
}
