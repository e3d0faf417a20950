import type { FastifyReply, FastifyRequest } from "fastify";
import type { SafeHtml } from "./html";
import { type BrandMark, type PageContext, renderPage } from "./layout";

export interface PageInput {
  readonly title: string;
  readonly body: SafeHtml;
  readonly wide?: boolean;
  readonly nav?: SafeHtml;
  readonly status?: number;
  readonly brandMark?: BrandMark | undefined;
}

export type SendPage = (request: FastifyRequest, reply: FastifyReply, page: PageInput) => FastifyReply;

/** A service's page sender: the shared layout under its brand, never cached (pages carry CSRF tokens). */
export function pageSender(brand: string): SendPage {
  return (request, reply, page) =>
    reply
      .code(page.status ?? 200)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(renderPage(pageContext(request, reply, brand), page));
}

/** Everything the layout needs from this request and reply (the nonce comes from the security headers). */
export function pageContext(request: FastifyRequest, reply: FastifyReply, brand: string): PageContext {
  return { locale: request.locale, nonce: reply.cspNonce, path: request.url, brand };
}
