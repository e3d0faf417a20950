import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isStorageUnavailable, storageRetryAfterSeconds } from "../db/storage-unavailable";
import { type Catalog, translator } from "../i18n/i18n";
import { html } from "../ui/html";
import { kitMessages } from "../ui/kit-messages";
import { renderPage } from "../ui/layout";
import { HttpError } from "./http-error";

function kitKeyFor(error: FastifyError, status: number): keyof typeof kitMessages.fr {
  if (error.code?.startsWith("FST_CSRF")) return "error.csrf";
  if (status === 404) return "error.notFound";
  if (status === 429) return "error.tooMany";
  if (status === 503) return "error.unavailable";
  if (status >= 500) return "error.internal";
  return "error.badRequest";
}

/**
 * The one place where unexpected failures become responses: a page in the user's language,
 * or JSON for clients that asked for it. Nothing internal leaks; 5xx are logged with the request id.
 */
export function registerErrorPages(app: FastifyInstance, brand: string, messages: Catalog<string>): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // The database is away (stopped, restarting, failing over): the request was fine, the service
    // will be back, so 503 with a time to retry rather than a 500.
    if (isStorageUnavailable(error)) {
      request.log.warn({ err: { message: error.message, code: error.code } }, "database unavailable");
      reply.header("retry-after", String(storageRetryAfterSeconds));
      const message = translator(kitMessages, request.locale)("error.unavailable");
      return sendError(request, reply, 503, message, brand);
    }
    const status = error instanceof HttpError ? error.statusCode : statusOf(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    const known = error instanceof HttpError && error.messageKey in messages.fr;
    const message = known
      ? translator(messages, request.locale)(error.messageKey, error.params)
      : translator(kitMessages, request.locale)(kitKeyFor(error, status));
    sendError(request, reply, status, message, brand);
  });
  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, 404, translator(kitMessages, request.locale)("error.notFound"), brand);
  });
}

function statusOf(error: FastifyError): number {
  if (error.code?.startsWith("FST_CSRF")) return 403;
  const code = error.statusCode;
  return typeof code === "number" && code >= 400 && code < 600 ? code : 500;
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  brand: string,
) {
  reply.code(status);
  if (wantsJson(request)) {
    return reply.send({ error: { status, message, requestId: request.id } });
  }
  const t = translator(kitMessages, request.locale);
  const body = html`<h1>${t("error.title")}</h1>
<p class="error" role="alert">${message}</p>
<p class="muted">${t("error.reference", { id: request.id })}</p>
<p><a href="/">${t("error.back")}</a></p>`;
  const ctx = { locale: request.locale, nonce: reply.cspNonce, path: request.url, brand };
  return reply.type("text/html; charset=utf-8").send(renderPage(ctx, { title: t("error.title"), body }));
}
