import { isStorageUnavailable, storageRetryAfterSeconds } from "@sesame/kit/db/storage-unavailable";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AadstsError } from "./aadsts";
import { errorContext, tokenErrorBody } from "./error-shape";

/** A schema failure on a protocol endpoint, as Entra words it: a missing parameter, or a malformed request. */
function validationError(error: FastifyError): AadstsError {
  const issue = error.validation?.[0];
  const name = String(issue?.instancePath ?? "")
    .split("/")
    .filter(Boolean)[0];
  const missing = issue?.keyword === "required" || issue?.message?.includes("received undefined");
  if (name && missing) return new AadstsError(900144, { name });
  return new AadstsError(9002313, {}, "invalid_request");
}

/** The 4xx a lower layer gave a refused request (a NUL character, a body too large …), if any. */
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

/** Whatever went wrong, as the AADSTS error a client of Entra expects. */
function asAadstsError(error: unknown): AadstsError {
  if (error instanceof AadstsError) return error;
  if (isStorageUnavailable(error)) return new AadstsError(90033);
  if ((error as FastifyError | undefined)?.validation) return validationError(error as FastifyError);
  if (clientErrorStatus(error)) return new AadstsError(9002313, {}, "invalid_request");
  return new AadstsError(50000);
}

/**
 * The one renderer of the OAuth JSON error surface (token, device code, discovery): Entra's error
 * body (error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri), never
 * cached; 503 with `Retry-After` while the database is out; a bug is logged and answered 500 in the
 * same shape, never as an HTML page.
 */
function sendOauthJsonError(
  request: FastifyRequest,
  reply: FastifyReply,
  origin: string,
  error: unknown,
): FastifyReply {
  const aadsts = asAadstsError(error);
  if (aadsts.status >= 500 && aadsts.code !== 90033) request.log.error({ err: error }, "request failed");
  if (aadsts.code === 90033) reply.header("retry-after", String(storageRetryAfterSeconds));
  const status = error instanceof AadstsError ? aadsts.status : (clientErrorStatus(error) ?? aadsts.status);
  return reply
    .code(status)
    .header("cache-control", "no-store, no-cache")
    .header("pragma", "no-cache")
    .send(tokenErrorBody(aadsts, errorContext(request.correlationId), origin));
}

/**
 * Registers the OAuth JSON endpoints in their own scope, whose error handler is the one above:
 * handlers throw, this renders.
 */
export async function registerOauthJsonEndpoints(
  app: FastifyInstance,
  origin: string,
  routes: (scope: FastifyInstance) => void,
): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => sendOauthJsonError(request, reply, origin, error));
    routes(scope);
  });
}
