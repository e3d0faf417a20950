import { isStorageUnavailable, storageRetryAfterSeconds } from "@sesame/kit/db/storage-unavailable";
import { HttpError } from "@sesame/kit/http/http-error";
import { html } from "@sesame/kit/ui/html";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type MessageKey, messages, translate } from "../i18n/messages";
import { sendPage } from "../ui/page";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Errors of this route are answered as JSON whatever the Accept header (fetch() endpoints). */
    jsonErrors?: boolean;
  }
}

/**
 * The one place where the portal's failures become answers: a page in the user's language, or
 * JSON for endpoints called by scripts. A database outage is a 503 with Retry-After in the same
 * format (the request was fine, the service will be back); nothing internal leaks.
 */
export function registerPortalErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const unavailable = isStorageUnavailable(error);
    const status = unavailable ? 503 : statusOf(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    if (unavailable) reply.header("retry-after", String(storageRetryAfterSeconds));
    const t = translate(request.locale);
    const message = t(keyOf(error, status, unavailable), error instanceof HttpError ? error.params : {});
    return sendError(request, reply, status, message);
  });
}

function statusOf(error: FastifyError): number {
  if (error instanceof HttpError) return error.statusCode;
  if (error.code?.startsWith("FST_CSRF")) return 403;
  if (error.validation) return 400;
  const code = error.statusCode;
  return typeof code === "number" && code >= 400 && code < 600 ? code : 500;
}

const isMessageKey = (key: string): key is MessageKey => key in messages.fr;

function keyOf(error: FastifyError, status: number, unavailable: boolean): MessageKey {
  if (unavailable) return "error.unavailable";
  // kit's own HttpErrors (the NUL check) carry kit keys, which the portal catalogue includes.
  if (error instanceof HttpError && isMessageKey(error.messageKey)) return error.messageKey;
  if (error.code?.startsWith("FST_CSRF")) return "error.csrf";
  if (status === 404) return "error.notFound";
  if (status === 429) return "error.tooMany";
  if (status === 503) return "error.unavailable";
  if (status >= 500) return "error.internal";
  return "error.badRequest";
}

function wantsJson(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.jsonErrors) return true;
  const accept = request.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  if (wantsJson(request)) {
    return reply.code(status).send({ error: { status, message, requestId: request.id } });
  }
  const t = translate(request.locale);
  return sendPage(request, reply, {
    status,
    title: t("error.title"),
    body: html`<h1>${t("error.title")}</h1>
<p class="error" role="alert">${message}</p>
<p class="muted">${t("error.reference", { id: request.id })}</p>
<p><a href="/">${t("error.back")}</a></p>`,
  });
}
