import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AadstsError } from "../../protocol/aadsts";
import { errorContext, errorDescription } from "../../protocol/error-shape";
import { sendPage, tr } from "../../ui/page";
import type { ResponseMode } from "./authorize-params";

/** Sends a result to a redirect URI that has been checked against the registration. */
export function sendToClient(
  request: FastifyRequest,
  reply: FastifyReply,
  target: { redirectUri: string; mode: ResponseMode },
  params: Record<string, string | undefined>,
): FastifyReply {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  if (target.mode === "form_post") {
    const t = tr(request);
    const body = html`<h1>${t("oauth.formPost.title")}</h1>
<form id="oauth-response" method="post" action="${target.redirectUri}">
${entries.map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<button type="submit">${t("oauth.formPost.continue")}</button>
</form>
<script nonce="${reply.cspNonce}">document.getElementById("oauth-response").submit();</script>`;
    return sendPage(request, reply, { title: t("oauth.formPost.title"), body });
  }
  const url = new URL(target.redirectUri);
  const encoded = new URLSearchParams(entries);
  if (target.mode === "fragment") url.hash = encoded.toString();
  else for (const [k, v] of entries) url.searchParams.append(k, v);
  return reply.header("cache-control", "no-store").redirect(url.toString(), 302);
}

/** An AADSTS error for the client's redirect URI: error, error_description, error_codes… */
export function errorParams(request: FastifyRequest, error: AadstsError, state: string | undefined) {
  const c = errorContext(request.correlationId);
  return {
    error: error.error,
    error_description: errorDescription(error, c),
    error_codes: String(error.code),
    timestamp: c.timestamp,
    trace_id: c.traceId,
    correlation_id: c.correlationId,
    state,
  };
}

/** When the redirect URI cannot be trusted: a page, never a redirect (no open redirect). */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AadstsError,
): FastifyReply {
  const t = tr(request);
  const c = errorContext(request.correlationId);
  const body = html`<h1>${t("oauth.error.title")}</h1>
<p class="error" role="alert">AADSTS${error.code}: ${error.message}</p>
<p>${t("oauth.error.intro")}</p>
<h2>${t("oauth.error.details")}</h2>
<dl class="details">
<dt>${t("oauth.error.code")}</dt><dd>AADSTS${error.code}</dd>
<dt>${t("oauth.error.trace")}</dt><dd>${c.traceId}</dd>
<dt>${t("oauth.error.correlation")}</dt><dd>${c.correlationId}</dd>
<dt>${t("oauth.error.timestamp")}</dt><dd>${c.timestamp}</dd>
</dl>`;
  return sendPage(request, reply, { title: t("oauth.error.title"), body, status: 400 });
}
