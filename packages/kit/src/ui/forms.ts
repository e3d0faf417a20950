import type { FastifyReply } from "fastify";
import { html, type SafeHtml } from "./html";

/** The hidden field that carries this form's CSRF token; every POST form includes it. */
export function csrfField(reply: FastifyReply): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${reply.generateCsrf()}">`;
}

/** An error line tied to its field for screen readers (aria-describedby points at the id). */
export function fieldError(id: string, message: string | undefined): SafeHtml {
  return message ? html`<p class="error" id="${id}-error" role="alert">${message}</p>` : html``;
}

export function describedBy(id: string, message: string | undefined): string | undefined {
  return message ? `${id}-error` : undefined;
}
