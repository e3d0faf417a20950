import type { FastifyReply, FastifyRequest } from "fastify";
import { AadstsError } from "./aadsts";
import { errorContext, tokenErrorBody } from "./error-shape";

/** Sends an AADSTS failure as Entra's JSON error body; anything else is rethrown (a 500 is a bug). */
export function sendJsonError(request: FastifyRequest, reply: FastifyReply, origin: string, error: unknown) {
  if (!(error instanceof AadstsError)) throw error;
  return reply
    .code(error.status)
    .header("cache-control", "no-store, no-cache")
    .header("pragma", "no-cache")
    .send(tokenErrorBody(error, errorContext(request.correlationId), origin));
}
