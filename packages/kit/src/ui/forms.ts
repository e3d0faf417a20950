import type { FastifyReply } from "fastify";
import { html, type SafeHtml } from "./html";

// One token per response: on a first visit each generateCsrf() call would start a new secret
// cookie, and only the last would match, breaking every other form of the page.
const tokens = new WeakMap<FastifyReply, string>();

export function csrfToken(reply: FastifyReply): string {
  let token = tokens.get(reply);
  if (!token) {
    token = reply.generateCsrf();
    tokens.set(reply, token);
  }
  return token;
}

/** The hidden field that carries this form's CSRF token; every POST form includes it. */
export function csrfField(reply: FastifyReply): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken(reply)}">`;
}

/** An error line tied to its field for screen readers (aria-describedby points at the id). */
export function fieldError(id: string, message: string | undefined): SafeHtml {
  return message ? html`<p class="error" id="${id}-error" role="alert">${message}</p>` : html``;
}

export function describedBy(id: string, message: string | undefined): string | undefined {
  return message ? `${id}-error` : undefined;
}
