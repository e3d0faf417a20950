import { isStorageUnavailable, storageRetryAfterSeconds } from "@sesame/kit/db/storage-unavailable";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { translate } from "../i18n/messages";
import { DirectoryError } from "../tenants/directory-error";

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

/** Graph's answer to a path it has no resource for (the Graph SDK raises it as a GraphError 400). */
export const unknownSegment = (segment: string) =>
  new GraphError(400, "BadRequest", `Resource not found for the segment '${segment.slice(0, 100)}'.`);

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

/** Every way a Graph request fails, as the OData error Graph would send. */
function asGraphError(error: FastifyError): GraphError {
  if (error instanceof GraphError) return error;
  // Directory refusals keep their English explanation: Graph's messages are English.
  if (error instanceof DirectoryError)
    return new GraphError(
      error.statusCode,
      error.statusCode === 404 ? "Request_ResourceNotFound" : "Request_BadRequest",
      translate("en")(error.code, error.params),
    );
  if (error.validation)
    return badRequest(
      error.validation
        .map((v) => `${v.instancePath.replace(/^\//, "").replaceAll("/", ".") || "body"}: ${v.message}`)
        .join("; "),
    );
  if (isStorageUnavailable(error))
    return new GraphError(503, "serviceNotAvailable", "The service is temporarily unavailable. Retry later.");
  const status = typeof error.statusCode === "number" && error.statusCode >= 400 ? error.statusCode : 500;
  if (status < 500) return new GraphError(status, "Request_BadRequest", error.message);
  return new GraphError(500, "generalException", "An unexpected error occurred.");
}

/** The one error handler of /v1.0: registered once on the Graph surface. */
export function graphErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const graphError = asGraphError(error);
  if (graphError.status === 503) reply.header("retry-after", String(storageRetryAfterSeconds));
  if (graphError.status >= 500) request.log.error({ err: error }, "Graph request failed");
  return sendGraphError(request, reply, graphError);
}
